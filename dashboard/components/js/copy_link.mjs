/* "Copy link to this view" (see dashboard/components/copy_link.py): copies the page URL, which
 * carries the whole view; where the clipboard is refused, shows the link to copy by hand. A
 * Streamlit components v2 module, passed to Streamlit as inline text.
 */
export default function (component) {
    const { parentElement } = component;
    let button = parentElement.querySelector("button");
    let note = parentElement.querySelector(".cm-note");
    if (!button) {
        button = document.createElement("button");
        button.type = "button";
        button.textContent = "Copy link to this view";
        note = document.createElement("span");
        note.className = "cm-note";
        note.setAttribute("aria-live", "polite");
        parentElement.append(button, note);
    }
    function fallback(text) {
        const area = document.createElement("textarea");
        area.value = text;
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        let ok = false;
        try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
        area.remove();
        return ok;
    }
    button.onclick = async () => {
        const url = window.location.href;
        let ok = false;
        try {
            await navigator.clipboard.writeText(url);
            ok = true;
        } catch (err) {
            ok = fallback(url);
        }
        button.dataset.url = url;
        note.textContent = ok ? "Link copied" : "Copy this link: " + url;
    };
}
