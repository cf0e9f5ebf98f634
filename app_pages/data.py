"""Data page: import a survey, map it to a codebook, see each scale's reliability."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import data_bulk as bulk
from ui import data_state as ds
from ui import state
from ui.i18n import current_lang, t

project, version = state.current()
data = state.survey(project)
editable = state.can_edit()  # a viewer reads everything; the controls that save are disabled or hidden

st.title(t("data.title"))

# -- 1. import --------------------------------------------------------------------------------
st.subheader(t("data.import"))
if data is not None:
    st.markdown(t("data.current", source=project.survey.source, rows=len(data), cols=data.shape[1]))
else:
    st.info(t("data.no_survey"))

bulk.notice()  # the outcome of a large import
if editable and bulk.job_for(project.id) is not None:  # a large import still running: show its progress
    bulk.progress_panel(bulk.job_for(project.id))
upload = st.file_uploader(t("bulk.upload", mb=bulk.SURVEY_MAX_MB, small=ds.MAX_MB),
                          type=["csv", "txt", "tsv", "xlsx", "sav", "parquet"],
                          key=f"survey_upload_{st.session_state.get('_uploads', 0)}",
                          max_upload_size=bulk.SURVEY_MAX_MB) if editable else None
if upload is not None and bulk.is_large(upload.name, upload.size):  # Parquet, or CSV above ~20 MB: streamed
    bulk.upload_panel(upload, project.id)
elif upload is not None:
    result = ds.read_upload(upload.getvalue(), upload.name)
    if result.error:
        st.error(result.error, icon=":material/error:")
    else:
        imported = result.imported
        st.success(t("data.read_ok", source=upload.name, rows=len(imported.data), cols=imported.data.shape[1],
                     fmt=imported.format.upper()))
        for note in imported.warnings:
            st.caption(note)
        mismatch = ds.codebook_mismatch(project, imported)
        if mismatch:
            st.warning(t("data.mismatch", error=mismatch), icon=":material/rule:")
        keep = {}
        if result.flags:
            st.warning(t("data.personal"), icon=":material/privacy_tip:")
            for flag in result.flags:
                keep[flag.column] = st.checkbox(t("data.keep", col=flag.column), value=False,
                                                key=f"keep_{flag.column}", help=flag.reason)
        with st.expander(t("data.preview")):
            st.dataframe(ds.masked_preview(imported.data, result.flags), hide_index=True)
        if st.button(t("data.do_import"), type="primary", key="do_import"):
            ok = ds.import_into_project(imported, result.flags, keep)
            if ok:
                st.session_state["_uploads"] = st.session_state.get("_uploads", 0) + 1  # clear the uploader
                st.toast(t("data.imported", rows=len(imported.data)))
                st.rerun()

if data is None:
    st.stop()

# -- 2. codebook ------------------------------------------------------------------------------
st.subheader(t("data.codebook"))
codebook = dict(project.codebook or {"scales": {}})
columns = [str(c) for c in data.columns]
left, right = st.columns([3, 2])
cb_file = right.file_uploader(t("data.codebook_upload"), type=["yaml", "yml", "json"], key=f"cb_upload_{version}",
                             max_upload_size=5) if editable else None
if cb_file is not None:
    error = ds.load_codebook_upload(cb_file.getvalue(), cb_file.name, columns)
    if error:
        right.error(error, icon=":material/error:")
    else:
        st.rerun()
right.download_button(t("data.codebook_download"), ds.codebook_yaml(codebook), file_name="codebook.yaml",
                      mime="application/yaml", key="cb_download")

id_options = [None] + columns
left.selectbox(t("data.id_column"), id_options, index=id_options.index(codebook.get("id"))
               if codebook.get("id") in id_options else 0,
               format_func=lambda c: t("data.row_number") if c is None else c,
               key=f"cb_id_{version}", on_change=ds.set_codebook_key, args=("id", f"cb_id_{version}"),
               disabled=not editable)

st.markdown(f"**{t('data.scales')}**")
used = {item for scale in codebook.get("scales", {}).values() for item in scale.get("items", [])}
suggested = ds.suggested_scales(columns, data, used, table=project.survey.table)
if suggested:
    st.caption(t("data.suggested", scales=", ".join(suggested)))
    cols = st.columns(min(len(suggested), 4))
    for i, (name, items) in enumerate(suggested.items()):
        cols[i % len(cols)].button(t("data.add_suggested", scale=name, items=", ".join(items)),
                                   key=f"add_sugg_{name}_{version}", on_click=ds.add_scale, args=(name, items),
                                   disabled=not editable)

lang = current_lang()
for name, scale in codebook.get("scales", {}).items():
    label = (scale.get("label") or {}).get(lang) or name
    with st.expander(f"{label} · {len(scale.get('items', []))} items", expanded=False):
        c1, c2 = st.columns([3, 2])
        c1.multiselect(t("data.scale_items", scale=name), columns, default=[i for i in scale["items"] if i in columns],
                       key=f"items_{name}_{version}", on_change=ds.set_scale_field,
                       args=(name, "items", f"items_{name}_{version}"), disabled=not editable)
        c2.multiselect(t("data.scale_reverse"), scale["items"], default=[i for i in scale.get("reverse", [])
                                                                         if i in scale["items"]],
                       key=f"rev_{name}_{version}", on_change=ds.set_scale_field,
                       args=(name, "reverse", f"rev_{name}_{version}"), disabled=not editable)
        c3, c4, c5, c6 = st.columns(4)
        c3.number_input(t("data.scale_min"), value=float(scale.get("min", 1)), step=1.0,
                        key=f"min_{name}_{version}", on_change=ds.set_scale_field,
                        args=(name, "min", f"min_{name}_{version}"), disabled=not editable)
        c4.number_input(t("data.scale_max"), value=float(scale.get("max", 5)), step=1.0,
                        key=f"max_{name}_{version}", on_change=ds.set_scale_field,
                        args=(name, "max", f"max_{name}_{version}"), disabled=not editable)
        c5.text_input(t("data.scale_label_en"), value=(scale.get("label") or {}).get("en", ""),
                      key=f"len_{name}_{version}", on_change=ds.set_scale_label,
                      args=(name, "en", f"len_{name}_{version}"), disabled=not editable)
        c6.text_input(t("data.scale_label_nl"), value=(scale.get("label") or {}).get("nl", ""),
                      key=f"lnl_{name}_{version}", on_change=ds.set_scale_label,
                      args=(name, "nl", f"lnl_{name}_{version}"), disabled=not editable)
        for item, r in ds.reversal_hints(data, codebook, name, table=project.survey.table).items():
            h1, h2 = st.columns([3, 1])
            h1.warning(t("data.reverse_hint", item=item, scale=name, r=f"{r:.2f}"), icon=":material/swap_vert:")
            h2.button(t("data.mark_reversed", item=item), key=f"markrev_{name}_{item}_{version}",
                      on_click=ds.mark_reversed, args=(name, item),
                      disabled=not editable)
        st.button(t("data.scale_remove", scale=name), key=f"rm_{name}_{version}", on_click=ds.remove_scale,
                  args=(name,), disabled=not editable)

if editable:
    with st.popover(t("data.scale_add")):
        new_name = st.text_input(t("data.scale_new_name"), key=f"new_scale_{version}")
        new_items = st.multiselect(t("col.items"), columns, key=f"new_items_{version}")
        st.button(t("data.scale_add"), key=f"add_scale_{version}", on_click=ds.add_scale_from_widgets,
                  args=(f"new_scale_{version}", f"new_items_{version}"), disabled=not new_name or len(new_items) < 1)

in_scales = used
c1, c2 = st.columns(2)
c1.multiselect(t("data.categorical"), [c for c in columns if c not in in_scales],
               default=[c for c in codebook.get("categorical", []) if c in columns],
               key=f"cb_cat_{version}", on_change=ds.set_codebook_key, args=("categorical", f"cb_cat_{version}"),
               disabled=not editable)
c2.multiselect(t("data.demographics"), [c for c in columns if c not in in_scales],
               default=[c for c in codebook.get("demographics", []) if c in columns],
               key=f"cb_demo_{version}", on_change=ds.set_codebook_key, args=("demographics", f"cb_demo_{version}"),
               disabled=not editable)
st.text_input(t("data.missing"), value=", ".join(str(m) for m in codebook.get("missing", [])),
              key=f"cb_missing_{version}", on_change=ds.set_missing_codes, args=(f"cb_missing_{version}",),
              disabled=not editable)

# -- 3. reliability ---------------------------------------------------------------------------
st.subheader(t("data.reliability"))
report = ds.reliability(project, data)
if report.error:
    st.error(t("data.invalid", error=report.error), icon=":material/error:")
elif not report.scales:
    st.info(t("data.reliability_none"))
else:
    st.dataframe(ds.reliability_table(report.scales, codebook, lang), hide_index=True, width="stretch")
    for sentence in ds.verdict_sentences(report.scales, codebook, lang):
        st.markdown(sentence)
    for name, result in report.scales.items():
        for item in result.get("suspect_reversed") or []:
            st.warning(t("data.suspect", item=f"{name}: {item}"), icon=":material/swap_vert:")
    columns_ = st.columns(min(len(report.scales), 3))
    for i, (name, result) in enumerate(report.scales.items()):
        with columns_[i % len(columns_)]:
            st.markdown(f"**{t('data.alpha_dropped')}: {ds.scale_label(codebook, name, lang)}**")
            st.dataframe(ds.dropped_table(result), hide_index=True, width="stretch")
    if report.warnings:
        st.markdown(f"**{t('data.warnings')}**")
        for note in report.warnings:
            st.caption(note)
_ = pd  # pages share pandas types with ui.data_state
