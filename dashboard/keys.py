"""Every `st.session_state` key of the dashboard, named once.

A widget's key is a session-state key too: Streamlit keeps the widget's value under it, and
callbacks read it from there. The filter widgets' keys are also their URL parameters
(`dashboard.state`). Keys starting with "_" are the app's own bookkeeping, never a widget's.
"""

# Sidebar filters (widgets; the same names as their URL parameters).
ROLE = "role"
SOURCE = "source"
COUNTRY = "country"
FEATURE = "feature"
SCORE = "score"
TEXT = "q"
DATES = "dates"
DATES_FULL = "_dates_full"  # the store's whole range when the dates were last read

# Place search in the sidebar: the query box, its matches and the pick among them.
FIND = "find"
FIND_RESULTS = "find_results"
FIND_ERROR = "find_error"
FIND_PICK = "find_pick"

# What the page shows besides the filters, mirrored in the URL.
ARTICLE = "article"  # the reader's article id prefix (a widget's key too)
SELECTED = "selected"  # the selected place: {"key", "lat", "lon", "label"}
FLY = "fly"  # a one-off fly target with its nonce (`dashboard.state.fly_to`)
BASE = "base"  # base layer id
CONTROL = "control"  # whether the territorial-control layer is on
VIEW = "_view"  # the map's centre and zoom as last reported (`dashboard.state.View`)

# The map (streamlit-folium's value) and the events it sends.
MAP = "map"
LAST_EVENT = "_last_event"
RERUN_APP = "_rerun_app"

# The run: the session's start, the data of this run and the deferred rest of the page.
STARTED = "_started"
SNAPSHOT = "_snapshot"
CLAIMS = "_claims"
FIRST_RUN_DONE = "_first_run_done"
REST_SHOWN = "_rest_shown"
REST_ASKED = "_rest_asked"
PAGE_PARAMS = "_page_params"

# Timeline and its playback.
TIMELINE = "timeline"
PLAY = "play"
PLAY_STEP = "play_step"
PLAY_WINDOW = "play_window"
PLAYING = "_playing"
PLAY_DUE = "_play_due"
PLAY_FRAME = "_play_frame"
PLAY_RANGE = "_play_range"  # a range picked by hand that playback stays within
PLAY_BUSY = "_play_busy"  # the sorted days with articles, so playback skips empty windows

# Reader, places table and "copy link".
READER = "reader"
READER_CLAIMS = "reader_claims"
PLACES = "places"
PLACE_ROWS = "_place_rows"
COPY_LINK = "copy_link"

# Claims panel: its filters, table and charts.
CLAIM_REGION = "c_region"
CLAIM_ACTOR = "c_actor"
CLAIM_CLAIMANT = "c_claimant"
CLAIM_DATES = "c_dates"
CLAIMS_TABLE = "claims_table"
CLAIM_ROWS = "_claim_table"
CLAIMS_CHART = "claims_chart_{}"  # .format(i) for the i-th chart

# Editors: sign-in on a shared link, and the upload, paste and delete tools.
EDITOR = "_editor"  # the Editor a password sign-in made (OIDC identities come from st.user)
SIGN_IN = "sign_in"
SIGN_OUT = "sign_out"
SIGN_IN_FORM = "sign_in_form"
SIGN_IN_NAME = "sign_in_name"
SIGN_IN_PASSWORD = "sign_in_password"
UPLOADS = "uploads"  # + the upload round
UPLOAD_ROUND = "_upload_round"
PASTE_FORM = "paste_form"
DELETE_CONFIRM = "delete_confirm"
DELETE = "delete"
RECENT_CHANGES = "recent_changes"
EDIT_RESULT = "_edit_result"  # the last add or delete: (kind, lines) shown after the rerun
