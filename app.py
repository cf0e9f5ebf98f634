"""Persona Studio: the Streamlit entry point (`streamlit run app.py`).

`app` is the ASGI application Streamlit discovers: the pages plus the JSON API of DESIGN.md
section 7. The page script below only runs inside a Streamlit session.
"""
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from studio.api import routes

app = st.App(__file__, routes=routes())


def main() -> None:
    st.set_page_config(page_title="Persona Studio", page_icon=":material/groups:", layout="wide")
    from ui import state
    from ui.i18n import language_switch, t

    pages = [
        st.Page("app_pages/data.py", title=t("nav.data"), icon=":material/table:", url_path="data", default=True),
        st.Page("app_pages/project.py", title=t("nav.project"), icon=":material/folder_open:", url_path="project"),
    ]
    navigation = st.navigation(pages)
    st.sidebar.markdown(f"**{t('app.title')}**  \n{t('app.tagline')}")
    language_switch()
    project = state.project()
    st.sidebar.caption(f"{t('project.current')}: {project.name}")
    state.saved_badge()
    notice = st.session_state.pop("_notice", None)
    if notice:
        st.warning(notice)
    state.conflict_banner()
    navigation.run()


if get_script_run_ctx() is not None:
    main()
