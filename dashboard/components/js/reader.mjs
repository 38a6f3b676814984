/* The article reader (see dashboard/components/reader.py): shows the HTML the server built
 * (every stored string escaped there) and reports a click on a mention, or Enter or Space on
 * it, as the trigger value `mention` (its index). A Streamlit components v2 module, passed to
 * Streamlit as inline text.
 */
export default function (component) {
    const { data, setTriggerValue, parentElement } = component;
    let root = parentElement.querySelector(".cm-reader-root");
    if (!root) {
        root = document.createElement("div");
        root.className = "cm-reader-root";
        parentElement.appendChild(root);
    }
    root.innerHTML = data || "";
    root.querySelectorAll("mark[data-i]").forEach((mark) => {
        mark.tabIndex = 0;
        mark.setAttribute("role", "button");
        const go = () => setTriggerValue("mention", Number(mark.dataset.i));
        mark.onclick = go;
        mark.onkeydown = (e) => {
            if (e.key === "Enter" || e.key === " ") { e.preventDefault(); go(); }
        };
    });
}
