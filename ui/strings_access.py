"""Dutch and English strings of signing in and sharing (registered on import)."""
from __future__ import annotations

from .i18n import add_strings

STRINGS: dict[str, dict[str, str]] = {
    "auth.title": {"en": "Persona Studio", "nl": "Persona Studio"},
    "auth.intro": {"en": "Sign in to see the projects shared with you.",
                   "nl": "Log in om de projecten te zien die met je gedeeld zijn."},
    "auth.sign_in": {"en": "Sign in", "nl": "Inloggen"},
    "auth.sign_out": {"en": "Sign out", "nl": "Uitloggen"},
    "auth.password": {"en": "Password", "nl": "Wachtwoord"},
    "auth.wrong_password": {"en": "That password is not right.", "nl": "Dat wachtwoord klopt niet."},
    "auth.signed_in_as": {"en": "Signed in as {user}", "nl": "Ingelogd als {user}"},
    "auth.no_identity": {"en": "The sign-in provider sent no e-mail address or subject; ask the administrator "
                                "to include the e-mail claim.",
                         "nl": "De inlogdienst gaf geen e-mailadres of kenmerk door; vraag de beheerder om het "
                               "e-mailadres mee te sturen."},
    "project.preparing_demo": {"en": "Preparing the demo project (survey, segments, personas, journeys)…",
                               "nl": "Het demoproject wordt klaargezet (enquête, segmenten, persona's, klantreizen)…"},
    "access.not_shared": {"en": "Project {id} is not shared with you; opened another project instead.",
                          "nl": "Project {id} is niet met je gedeeld; in plaats daarvan is een ander project "
                                "geopend."},
    "access.read_only": {"en": "Read-only: {owner} shared this project with you to view. You can look at "
                               "everything and download exports; changes are not saved.",
                         "nl": "Alleen lezen: {owner} heeft dit project met je gedeeld om te bekijken. Je kunt "
                               "alles zien en exports downloaden; wijzigingen worden niet bewaard."},
    "access.refused": {"en": "Not saved: this project is read-only for you. Ask its owner ({owner}) for edit "
                             "rights.",
                       "nl": "Niet bewaard: dit project is voor jou alleen lezen. Vraag de eigenaar ({owner}) om "
                             "bewerkrechten."},
    "access.owner_unknown": {"en": "no owner", "nl": "geen eigenaar"},
    "share.title": {"en": "Sharing", "nl": "Delen"},
    "share.owner": {"en": "Owner: {owner} · your role: {role}", "nl": "Eigenaar: {owner} · jouw rol: {role}"},
    "share.open": {"en": "This project has no owner: everyone who signs in can edit it.",
                   "nl": "Dit project heeft geen eigenaar: iedereen die inlogt kan het bewerken."},
    "share.single_user": {"en": "Sharing needs accounts: see README, section Access (sign-in with your company "
                                "account or a password).",
                          "nl": "Delen vraagt om accounts: zie README, onderdeel Access (inloggen met het "
                                "bedrijfsaccount of een wachtwoord)."},
    "share.user": {"en": "E-mail or user name", "nl": "E-mailadres of gebruikersnaam"},
    "share.role": {"en": "Role", "nl": "Rol"},
    "share.add": {"en": "Share", "nl": "Delen"},
    "share.remove": {"en": "Remove", "nl": "Verwijderen"},
    "share.added": {"en": "Shared with {user} ({role}).", "nl": "Gedeeld met {user} ({role})."},
    "share.members": {"en": "Shared with", "nl": "Gedeeld met"},
    "share.nobody": {"en": "Not shared with anyone yet.", "nl": "Nog met niemand gedeeld."},
    "role.owner": {"en": "owner", "nl": "eigenaar"},
    "role.editor": {"en": "can edit", "nl": "mag bewerken"},
    "role.viewer": {"en": "can view", "nl": "mag bekijken"},
}
add_strings(STRINGS)
