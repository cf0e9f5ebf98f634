"""Present page: the project's deck full-screen (`?embed=true` drops the Streamlit chrome), one
slide at a time in large type, keyboard next/previous, a presenter view with the facilitator notes,
and the exports (PPTX, PDF, HTML; posters, fans, PNG cards) with progress."""
from __future__ import annotations

import streamlit as st

from studio.export.html import SLIDE_CSS, slide_body
from ui import present_state as ps
from ui.i18n import t

PAGE_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"] {display:none !important;}
.block-container, [data-testid="stMainBlockContainer"] {padding:0.6rem 1rem 0.4rem !important; max-width:100% !important;}
.prwrap{position:relative;margin:0 auto;aspect-ratio:16/9;overflow:hidden;background:#fff;
 width:min(100%, calc((100vh - RESERVE) * 16 / 9));box-shadow:0 0 0 1px #d5dce4}
.prwrap .slide{display:flex;flex-direction:column;position:absolute;left:0;top:0}
.prnotes{font-size:1.15rem;line-height:1.4}
</style>"""

KEYS_JS = """<script>
(function(){
 function fit(){document.querySelectorAll('.prwrap').forEach(function(w){var s=w.querySelector('.slide');
  if(s){s.style.transform='scale('+(w.clientWidth/1280)+')';}});}
 fit(); setTimeout(fit,50); setTimeout(fit,400);
 if(!window.__prResize){window.__prResize=true;window.addEventListener('resize',fit);
  new MutationObserver(fit).observe(document.body,{childList:true,subtree:true});}
 if(window.__prKeys){return;} window.__prKeys=true;
 function click(key){var b=document.querySelector('.st-key-'+key+' button, .st-key-'+key+' input');if(b){b.click();}}
 document.addEventListener('keydown',function(ev){
  var tag=(ev.target&&ev.target.tagName||'').toLowerCase();
  if(tag==='input'||tag==='textarea'||tag==='select'||(ev.target&&ev.target.isContentEditable)){return;}
  if(ev.key==='ArrowRight'||ev.key==='ArrowDown'||ev.key===' '||ev.key==='PageDown'){click('pr_next');ev.preventDefault();}
  else if(ev.key==='ArrowLeft'||ev.key==='ArrowUp'||ev.key==='PageUp'){click('pr_prev');ev.preventDefault();}
  else if(ev.key==='n'||ev.key==='N'){click('pr_presenter');}
 });
})();
</script>"""

slides = ps.deck()
n = len(slides)
i = ps.slide_index(n)
presenter = ps.presenter()
st.html(PAGE_CSS.replace("RESERVE", "330px" if presenter else "92px"))

bar = st.columns([1, 1, 3, 2, 1.4], vertical_alignment="center")
if bar[0].button("◀", key="pr_prev", help=t("pr.prev"), disabled=i == 0, width="stretch"):
    ps.go(i - 1, n)
    st.rerun()
if bar[1].button("▶", key="pr_next", help=t("pr.next"), disabled=i >= n - 1, width="stretch"):
    ps.go(i + 1, n)
    st.rerun()
bar[2].caption(f"{t('pr.counter', i=i + 1, n=n)} · {t('pr.keys')}")
on = bar[3].toggle(t("pr.presenter"), value=presenter, key="pr_presenter", help=t("pr.presenter_help"))
if on != presenter:
    ps.set_presenter(on)
    st.rerun()

with bar[4].popover(t("pr.export"), width="stretch"):
    what = st.radio(t("pr.what"), ["deck", "posters", "fans"], key="pr_what",
                    format_func=lambda w: t(f"pr.what.{w}"))
    formats = {"deck": ["pptx", "pdf", "html"], "posters": ["pdf", "png", "html"], "fans": ["pdf", "html"]}[what]
    fmt = st.radio(t("pr.format"), formats, key=f"pr_fmt_{what}", horizontal=True, format_func=str.upper)
    size = st.radio(t("pr.size"), ["A4", "A3"], key="pr_size", horizontal=True) if what == "posters" else "A4"
    if st.button(t("pr.make"), key="pr_make", type="primary"):
        with st.status(t("pr.working", what=t(f"pr.what.{what}"), fmt=fmt.upper()), expanded=True) as status:
            bar_ = st.progress(0.0)
            try:
                name, data, mime, seconds = ps.run_export(what, fmt, size,
                                                 lambda f, text: bar_.progress(min(1.0, f), text=str(text)[:80]))
            except (ValueError, OSError) as error:
                status.update(label=t("pr.failed", error=str(error).splitlines()[0]), state="error")
            else:
                st.session_state["pr_file"] = (name, data, mime)
                status.update(label=t("pr.done", seconds=seconds), state="complete")
    made = st.session_state.get("pr_file")
    if made:
        st.download_button(t("pr.download", name=made[0]), made[1], file_name=made[0], mime=made[2],
                           key="pr_download", on_click="ignore")

if not n:
    st.info(t("pr.empty"))
    st.stop()

slide = slides[i]
uri = None
if slide.figure is not None:
    try:
        with bar[2], st.spinner(t("pr.drawing")):  # in the toolbar: the slide never moves down
            uri = ps.figure_uri(i)
    except Exception as error:  # noqa: BLE001 - no chart on a projector is better than no slide
        st.caption(t("pr.no_chart", error=str(error).splitlines()[0][:120] if str(error) else type(error).__name__))
st.html(f"<style>{SLIDE_CSS}</style>"
        f'<div class="prwrap" data-testid="pr-slide"><section class="slide on {slide.kind}">'
        f"{slide_body(slide, uri)}</section></div>", unsafe_allow_javascript=False)
st.html(KEYS_JS, unsafe_allow_javascript=True)

if presenter:
    left, right = st.columns([3, 1])
    left.markdown(f"**{t('pr.notes')}**")
    left.text(slide.notes)
    if i + 1 < n:
        right.caption(t("pr.up_next", title=slides[i + 1].title))
