"""Two small in-page components (Streamlit components v2), one module each: the article reader
(`reader_view`) and "copy link" (`copy_link_button`). Their browser code is in `js/`, ES
modules passed to Streamlit as inline text.
"""

from dashboard.components.copy_link import copy_link_button
from dashboard.components.reader import reader_view

__all__ = ["copy_link_button", "reader_view"]
