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
    from ui import auth, state
    from ui.i18n import language_switch, t

    pages = [
        st.Page("app_pages/data.py", title=t("nav.data"), icon=":material/table:", url_path="data", default=True),
        st.Page("app_pages/segments.py", title=t("nav.segments"), icon=":material/scatter_plot:", url_path="segments"),
        st.Page("app_pages/personas.py", title=t("nav.personas"), icon=":material/groups:", url_path="personas"),
        st.Page("app_pages/journeys.py", title=t("nav.journeys"), icon=":material/route:", url_path="journeys"),
        st.Page("app_pages/rules.py", title=t("nav.rules"), icon=":material/rule:", url_path="rules"),
        st.Page("app_pages/present.py", title=t("nav.present"), icon=":material/slideshow:", url_path="present"),
        st.Page("app_pages/workshop.py", title=t("nav.workshop"), icon=":material/how_to_vote:", url_path="workshop"),
        st.Page("app_pages/vote.py", title={"nl": "Stemmen"}.get(st.session_state.get("lang"), "Vote"),
                icon=":material/smartphone:", url_path="vote"),
        st.Page("app_pages/project.py", title=t("nav.project"), icon=":material/folder_open:", url_path="project"),
    ]
    # The menu is drawn by hand so a workshop participant on /vote sees the vote page and nothing
    # else: no menu, no project, no sidebar (and no demo project is created for a phone).
    navigation = st.navigation(pages, position="hidden")
    if navigation.url_path == "vote":
        navigation.run()
        return
    user = auth.require_user()  # the sign-in screen and a stop when the deployment needs one
    with st.sidebar:
        for page in pages:
            if page.url_path != "vote":
                st.page_link(page)
    st.sidebar.divider()
    st.sidebar.markdown(f"**{t('app.title')}**  \n{t('app.tagline')}")
    language_switch()
    auth.sign_out_control(user)
    project = state.project()
    st.sidebar.caption(f"{t('project.current')}: {project.name}")
    state.saved_badge()
    notice = st.session_state.pop("_notice", None)
    if notice:
        st.warning(notice)
    state.read_only_banner()
    state.conflict_banner()
    navigation.run()


if get_script_run_ctx(suppress_warning=True) is not None:
    main()
