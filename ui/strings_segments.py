"""Dutch and English strings of the Segments page (registered on import)."""
from __future__ import annotations

from .i18n import add_strings

STRINGS: dict[str, dict[str, str]] = {
    "seg.title": {"en": "Segments: from scale scores to stable, explainable groups",
                  "nl": "Segmenten: van schaalscores naar stabiele, uitlegbare groepen"},
    "seg.intro": {"en": "Segments are formed on needs and behaviour. Demographics only describe them afterwards.",
                  "nl": "Segmenten worden gevormd op behoeften en gedrag. Demografie beschrijft ze alleen achteraf."},
    "seg.no_survey": {"en": "This project has no survey yet: import one on the Data page first.",
                      "nl": "Dit project heeft nog geen enquête: importeer er eerst een op de Data-pagina."},
    "seg.no_codebook": {"en": "The codebook is not usable yet ({error}): fix it on the Data page.",
                        "nl": "Het codeboek is nog niet bruikbaar ({error}): pas het aan op de Data-pagina."},
    "seg.no_scales": {"en": "The codebook has no scales: define them on the Data page first.",
                      "nl": "Het codeboek heeft geen schalen: leg ze eerst vast op de Data-pagina."},
    # -- the run form
    "seg.new_run": {"en": "1. New segmentation", "nl": "1. Nieuwe segmentatie"},
    "seg.method": {"en": "Method", "nl": "Methode"},
    "seg.method.quadrant": {"en": "Quadrant (two axes)", "nl": "Kwadrant (twee assen)"},
    "seg.method.kmeans": {"en": "k-means", "nl": "k-means"},
    "seg.method.gmm": {"en": "Gaussian mixture (GMM)", "nl": "Gaussisch mengmodel (GMM)"},
    "seg.method.lca": {"en": "Latent classes (LCA)", "nl": "Latente klassen (LCA)"},
    "seg.method_help": {
        "en": "Quadrant splits the two axes at a cut (the reference model). k-means and GMM find groups in the "
              "standardised scale scores. LCA treats every answer as a category.",
        "nl": "Kwadrant deelt de twee assen op bij een grens (het referentiemodel). k-means en GMM zoeken groepen in "
              "de gestandaardiseerde schaalscores. LCA behandelt elk antwoord als categorie."},
    "seg.cut": {"en": "Cut", "nl": "Grens"},
    "seg.cut.midpoint": {"en": "Scale midpoint", "nl": "Midden van de schaal"},
    "seg.cut.median": {"en": "Median of this sample", "nl": "Mediaan van deze steekproef"},
    "seg.x_axis": {"en": "Horizontal axis", "nl": "Horizontale as"},
    "seg.y_axis": {"en": "Vertical axis", "nl": "Verticale as"},
    "seg.use_range": {"en": "Compare a range of k", "nl": "Een reeks k vergelijken"},
    "seg.k": {"en": "Number of segments (k)", "nl": "Aantal segmenten (k)"},
    "seg.k_range": {"en": "Range of k", "nl": "Reeks k"},
    "seg.starts": {"en": "Random starts", "nl": "Willekeurige starts"},
    "seg.starts_help": {"en": "More starts make it likelier to find the best solution, and take longer.",
                        "nl": "Meer starts maken de beste oplossing waarschijnlijker, maar duren langer."},
    "seg.seed": {"en": "Seed", "nl": "Seed"},
    "seg.n_boot": {"en": "Bootstrap runs (stability)", "nl": "Bootstrap-herhalingen (stabiliteit)"},
    "seg.inputs": {"en": "Inputs", "nl": "Invoer"},
    "seg.inputs_scores": {"en": "Scale scores: {scales}", "nl": "Schaalscores: {scales}"},
    "seg.inputs_items": {"en": "Scale items as categories: {items}", "nl": "Schaalitems als categorieën: {items}"},
    "seg.inputs_axes": {"en": "The two axes: {x} and {y}", "nl": "De twee assen: {x} en {y}"},
    "seg.behaviour": {"en": "Add behaviour and context items", "nl": "Gedrags- en contextitems toevoegen"},
    "seg.behaviour_help": {
        "en": "From the codebook's categorical and numeric lists. k-means and GMM only take numeric items.",
        "nl": "Uit de lijsten categorical en numeric van het codeboek. k-means en GMM nemen alleen numerieke "
              "items."},
    "seg.override": {"en": "Override: also use demographic columns", "nl": "Uitzondering: ook demografische kolommen gebruiken"},
    "seg.override_warn": {
        "en": "Demographic columns (age, gender, household, postcode...) are not a legitimate basis for segments: "
              "the personas turn into demographic boxes. Use them only with a reason you can defend; the reason "
              "is stored with the run.",
        "nl": "Demografische kolommen (leeftijd, geslacht, huishouden, postcode...) zijn geen legitieme basis voor "
              "segmenten: de persona's worden dan demografische hokjes. Gebruik ze alleen met een reden die je "
              "kunt verdedigen; de reden wordt bij de run opgeslagen."},
    "seg.demographics": {"en": "Demographic columns", "nl": "Demografische kolommen"},
    "seg.reason": {"en": "Reason for using demographic columns", "nl": "Reden om demografische kolommen te gebruiken"},
    "seg.reason_needed": {"en": "Refused: a demographic column needs a reason before it can be a segmentation input.",
                          "nl": "Geweigerd: een demografische kolom kan pas invoer zijn als je een reden opgeeft."},
    "seg.run": {"en": "Run segmentation", "nl": "Segmentatie uitvoeren"},
    "seg.cancel": {"en": "Cancel", "nl": "Annuleren"},
    "seg.cancelled": {"en": "The run was cancelled; nothing was saved.",
                      "nl": "De run is geannuleerd; er is niets opgeslagen."},
    "seg.running": {"en": "Segmenting {n} respondents with {method}…", "nl": "{n} respondenten segmenteren met {method}…"},
    "seg.step.start": {"en": "Preparing the inputs", "nl": "Invoer voorbereiden"},
    "seg.step.fitting": {"en": "Fitting the model", "nl": "Model schatten"},
    "seg.step.stability": {"en": "Bootstrap: how stable are the segments?",
                           "nl": "Bootstrap: hoe stabiel zijn de segmenten?"},
    "seg.step.profiles": {"en": "Profiling the segments", "nl": "Segmenten profileren"},
    "seg.step.done": {"en": "Done", "nl": "Klaar"},
    "seg.run_failed": {"en": "The segmentation could not run: {error}", "nl": "De segmentatie kon niet draaien: {error}"},
    "seg.saved": {"en": "Segmentation saved (version {version}).", "nl": "Segmentatie opgeslagen (versie {version})."},
    "seg.long_note": {"en": "Runs in this browser tab; other users are not held up. Cancel stops it at the next step.",
                      "nl": "Draait in dit tabblad; andere gebruikers merken er niets van. Annuleren stopt bij de "
                            "volgende stap."},
    # -- results
    "seg.results": {"en": "2. Results", "nl": "2. Resultaten"},
    # a viewer sees no step 1 (a new run): the results without a number, and no call to run one
    "seg.results_view": {"en": "Results", "nl": "Resultaten"},
    "seg.no_runs_view": {"en": "No segmentation yet.", "nl": "Nog geen segmentatie."},
    "seg.no_runs": {"en": "No segmentation yet: choose a method above and run it.",
                    "nl": "Nog geen segmentatie: kies hierboven een methode en voer haar uit."},
    "seg.pick_run": {"en": "Segmentation run", "nl": "Segmentatierun"},
    "seg.chosen": {"en": "chosen", "nl": "gekozen"},
    "seg.choose": {"en": "Mark as chosen", "nl": "Markeren als gekozen"},
    "seg.is_chosen": {"en": "This is the chosen segmentation.", "nl": "Dit is de gekozen segmentatie."},
    "seg.chose_note": {"en": "chose segmentation {run}", "nl": "segmentatie {run} gekozen"},
    "seg.run_note": {"en": "segmentation {method} k={k}", "nl": "segmentatie {method} k={k}"},
    "seg.metric.k": {"en": "Segments", "nl": "Segmenten"},
    "seg.metric.placed": {"en": "Respondents placed", "nl": "Geplaatste respondenten"},
    "seg.metric.stability": {"en": "Stability (ARI)", "nl": "Stabiliteit (ARI)"},
    "seg.metric.bic": {"en": "BIC", "nl": "BIC"},
    "seg.override_used": {"en": "Demographic inputs used ({cols}). Reason given: “{reason}”",
                          "nl": "Demografische invoer gebruikt ({cols}). Opgegeven reden: “{reason}”"},
    "seg.other_survey": {"en": "This run was made on a survey with {n} rows; the project's survey now has {m}. "
                               "Run the segmentation again.",
                         "nl": "Deze run is gemaakt op een enquête met {n} rijen; de enquête van het project heeft er "
                               "nu {m}. Voer de segmentatie opnieuw uit."},
    "seg.tab.map": {"en": "Axis map", "nl": "Assenkaart"},
    "seg.tab.k": {"en": "Choice of k", "nl": "Keuze van k"},
    "seg.tab.profiles": {"en": "Profiles", "nl": "Profielen"},
    "seg.tab.stability": {"en": "Stability", "nl": "Stabiliteit"},
    "seg.tab.typing": {"en": "Typing tool", "nl": "Typeringstool"},
    "seg.segment": {"en": "Segment {n}", "nl": "Segment {n}"},
    "seg.near": {"en": "near a cut", "nl": "dicht bij een grens"},
    "seg.centre": {"en": "segment centre", "nl": "midden van het segment"},
    "seg.map_caption": {"en": "Each dot is a respondent. Diamonds mark segment centres with their share.",
                        "nl": "Elke stip is een respondent. Ruiten markeren de middens van de segmenten met hun "
                              "aandeel."},
    "seg.map_near": {"en": "Dashed lines are the cuts ({cx:.2f}, {cy:.2f}); rings mark {n} respondents within "
                           "{near} of a cut, whose quadrant is fragile.",
                     "nl": "Stippellijnen zijn de grenzen ({cx:.2f}, {cy:.2f}); ringen markeren {n} respondenten "
                           "binnen {near} van een grens, van wie het kwadrant wankel is."},
    "seg.map_needs_two": {"en": "The axis map needs two scales in the codebook.",
                          "nl": "De assenkaart heeft twee schalen in het codeboek nodig."},
    "seg.k_none": {"en": "This run used one k. Run k-means or GMM with a range of k to compare.",
                   "nl": "Deze run gebruikte één k. Voer k-means of GMM uit met een reeks k om te vergelijken."},
    "seg.k_quadrant": {"en": "The quadrant model always has four segments.",
                       "nl": "Het kwadrantmodel heeft altijd vier segmenten."},
    "seg.k_caption": {"en": "k = {k} was chosen ({rule}).", "nl": "k = {k} is gekozen ({rule})."},
    "seg.k_rule.bic": {"en": "lowest BIC", "nl": "laagste BIC"},
    "seg.k_rule.silhouette": {"en": "highest silhouette", "nl": "hoogste silhouet"},
    "seg.k_title.bic": {"en": "BIC (lower is better)", "nl": "BIC (lager is beter)"},
    "seg.k_title.silhouette": {"en": "Silhouette (higher is better)", "nl": "Silhouet (hoger is beter)"},
    "seg.k_title.inertia": {"en": "Inertia (look for the elbow)", "nl": "Inertie (zoek de knik)"},
    "seg.k_chosen": {"en": "chosen k", "nl": "gekozen k"},
    "seg.axis_means": {"en": "Axis means with 95% confidence intervals",
                       "nl": "Gemiddelden op de assen met 95%-betrouwbaarheidsintervallen"},
    "seg.share": {"en": "Share", "nl": "Aandeel"},
    "seg.n": {"en": "{n} respondents", "nl": "{n} respondenten"},
    "seg.distinguishing": {"en": "What sets it apart", "nl": "Wat het onderscheidt"},
    "seg.vs": {"en": "vs. the rest", "nl": "tegen de rest"},
    "seg.effect_help": {"en": "Cohen's d (numbers) or h (answer shares), this segment against the rest: "
                              "0.2 small, 0.5 medium, 0.8 large.",
                        "nl": "Cohens d (getallen) of h (aandelen per antwoord), dit segment tegen de rest: "
                              "0,2 klein, 0,5 middel, 0,8 groot."},
    "seg.demo_title": {"en": "Demographic make-up: description only, not used to form segments",
                       "nl": "Demografische samenstelling: alleen beschrijving, niet gebruikt om segmenten te vormen"},
    "seg.demo_caption": {
        "en": "Shown so you can see who is in each segment, not what the segment is about. Do not name or picture "
              "a persona after these columns.",
        "nl": "Getoond zodat je ziet wie er in elk segment zit, niet waar het segment over gaat. Geef een persona "
              "geen naam of gezicht op basis van deze kolommen."},
    "seg.demo_none": {"en": "The codebook lists no demographic columns.",
                      "nl": "Het codeboek noemt geen demografische kolommen."},
    "seg.col.column": {"en": "Column", "nl": "Kolom"},
    "seg.col.value": {"en": "Value", "nl": "Waarde"},
    "seg.stab_none": {"en": "This run has no bootstrap (bootstrap runs = 0).",
                      "nl": "Deze run heeft geen bootstrap (bootstrap-herhalingen = 0)."},
    "seg.stab_title": {"en": "Adjusted Rand index {ari:.2f} (95% {lo:.2f}–{hi:.2f}) over {n} bootstrap runs",
                       "nl": "Adjusted Rand-index {ari:.2f} (95% {lo:.2f}–{hi:.2f}) over {n} bootstrap-herhalingen"},
    "seg.stab_y": {"en": "Jaccard (bootstrap mean)", "nl": "Jaccard (gemiddelde over bootstrap)"},
    "seg.verdict.stable": {"en": "stable", "nl": "stabiel"},
    "seg.verdict.moderately stable": {"en": "moderately stable", "nl": "redelijk stabiel"},
    "seg.verdict.weak": {"en": "weak", "nl": "zwak"},
    "seg.verdict.unstable": {"en": "unstable", "nl": "instabiel"},
    "seg.verdict.unknown": {"en": "unknown", "nl": "onbekend"},
    "seg.plain.stable": {
        "en": "Stable: every segment comes back when respondents are resampled. Safe to build personas on.",
        "nl": "Stabiel: elk segment komt terug als de respondenten opnieuw worden getrokken. Een veilige basis voor "
              "persona's."},
    "seg.plain.moderately stable": {
        "en": "Moderately stable: the segments are real, but some respondents switch between them. Fine for "
              "personas; treat borderline respondents with care.",
        "nl": "Redelijk stabiel: de segmenten zijn echt, maar sommige respondenten wisselen van segment. Goed genoeg "
              "voor persona's; wees voorzichtig met twijfelgevallen."},
    "seg.plain.weak": {
        "en": "Weak: there is a pattern, but which respondents belong to the weakest segment is doubtful. Try "
              "fewer segments or other inputs before writing personas.",
        "nl": "Zwak: er is een patroon, maar wie bij het zwakste segment hoort is twijfelachtig. Probeer minder "
              "segmenten of andere invoer voordat je persona's schrijft."},
    "seg.plain.unstable": {
        "en": "Unstable: at least one segment falls apart when respondents are resampled. Do not build a persona "
              "on it.",
        "nl": "Instabiel: minstens één segment valt uit elkaar als de respondenten opnieuw worden getrokken. Bouw "
              "er geen persona op."},
    "seg.plain.unknown": {"en": "No verdict: too few bootstrap results.",
                          "nl": "Geen oordeel: te weinig bootstrap-resultaten."},
    "seg.stab_weakest": {"en": "A persona set is only as good as its least stable segment.",
                         "nl": "Een set persona's is zo goed als het minst stabiele segment."},
    "seg.stab_fixed_cut": {
        "en": "With the scale midpoint as cut, resampling cannot move a respondent to another quadrant, so the "
              "quadrants are stable by construction. How fragile a respondent's quadrant is shows on the axis map: "
              "the respondents near a cut.",
        "nl": "Met het midden van de schaal als grens kan opnieuw trekken geen respondent naar een ander kwadrant "
              "verplaatsen; de kwadranten zijn dus per definitie stabiel. Hoe wankel iemands kwadrant is, toont de "
              "assenkaart: de respondenten dicht bij een grens."},
    # -- typing tool
    "seg.tt_intro": {
        "en": "A few “golden questions” that assign a new customer to a segment. Accuracy is cross-validated on "
              "respondents the tool did not see.",
        "nl": "Een paar “gouden vragen” die een nieuwe klant aan een segment toewijzen. De nauwkeurigheid is "
              "gekruisvalideerd op respondenten die de tool niet zag."},
    "seg.tt_max": {"en": "Maximum number of questions", "nl": "Maximaal aantal vragen"},
    "seg.tt_failed": {"en": "The typing tool could not be built: {error}", "nl": "De typeringstool kon niet worden "
                                                                                 "gebouwd: {error}"},
    "seg.tt_accuracy": {"en": "Accuracy (cross-validated)", "nl": "Nauwkeurigheid (gekruisvalideerd)"},
    "seg.tt_questions": {"en": "Golden questions", "nl": "Gouden vragen"},
    "seg.tt_confusion": {"en": "Confusion matrix (held-out respondents)",
                         "nl": "Verwarringsmatrix (niet-geziene respondenten)"},
    "seg.tt_typed_as": {"en": "typed as", "nl": "getypeerd als"},
    "seg.tt_true": {"en": "segment", "nl": "segment"},
    "seg.tt_by_n": {"en": "Accuracy by number of questions", "nl": "Nauwkeurigheid per aantal vragen"},
    "seg.tt_by_n_x": {"en": "questions asked", "nl": "gestelde vragen"},
    "seg.tt_by_n_y": {"en": "accuracy", "nl": "nauwkeurigheid"},
    "seg.tt_form": {"en": "Try it: answer the questions", "nl": "Probeer het: beantwoord de vragen"},
    "seg.tt_predicted": {"en": "Typed as: {segment}", "nl": "Getypeerd als: {segment}"},
    "seg.tt_export": {"en": "Export", "nl": "Exporteren"},
    "seg.tt_json": {"en": "Download the rule (JSON)", "nl": "Regel downloaden (JSON)"},
    "seg.tt_dialect": {"en": "SQL dialect", "nl": "SQL-dialect"},
    "seg.tt_table": {"en": "Survey table name", "nl": "Naam van de enquêtetabel"},
    "seg.tt_sql": {"en": "Download SQL ({dialect})", "nl": "SQL downloaden ({dialect})"},
    "seg.tt_sql_caption": {"en": "One SELECT over the raw survey table returning the id and the segment "
                                 "(numbered from 0, as in the project file).",
                           "nl": "Eén SELECT over de ruwe enquêtetabel die het id en het segment teruggeeft "
                                 "(genummerd vanaf 0, zoals in het projectbestand)."},
}

add_strings(STRINGS)
