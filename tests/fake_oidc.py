"""A tiny OpenID Connect provider for browser tests of `st.login` (authorization-code flow).

WHY: issue #11 wants login proven end to end in a real browser, without an internet identity
provider. This speaks just enough OIDC for Authlib (what Streamlit's `st.login` uses): discovery,
an /authorize page where the test TYPES who logs in (one "Email" field), /token with an RS256
id_token carrying iss/aud/sub/email/name/nonce/iat/exp, /jwks, /userinfo and an /end_session
endpoint for `st.logout`. It checks what a real provider checks (client id and secret, redirect
URI, one-time codes, PKCE S256) so a misconfigured app fails here the way it would in production.

Runs uvicorn in a daemon thread on 127.0.0.1 and a free port:

    with FakeOIDCProvider() as idp:
        write_auth_secrets(tmp_path / "secrets.toml", idp)   # redirect_uri uses Streamlit's {port}
"""
from __future__ import annotations

import base64
import hashlib
import html
import secrets
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

CLIENT_ID = "persona-studio-tests"
CLIENT_SECRET = "fake-oidc-client-secret-not-for-production"
COOKIE_SECRET = "cookie-secret-for-tests-only-0123456789abcdef"
_AUTHORIZE_FIELDS = ("client_id", "redirect_uri", "state", "nonce", "scope", "code_challenge",
                     "code_challenge_method")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _b64url_sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def display_name(email: str) -> str:
    """'alice.smith@example.com' -> 'Alice Smith' (the `name` claim the provider issues)."""
    return email.split("@", 1)[0].replace(".", " ").replace("_", " ").title()


@dataclass
class _Grant:
    email: str
    client_id: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None
    created: float = field(default_factory=time.time)


class FakeOIDCProvider:
    """An OIDC provider on http://127.0.0.1:<free port>; use as a context manager.

    `logins` lists the emails whose code was exchanged for tokens (one per completed sign-in),
    `authorize_requests` the query parameters of every /authorize call (e.g. to check the nonce).
    """

    def __init__(self, client_id: str = CLIENT_ID, client_secret: str = CLIENT_SECRET,
                 token_lifetime: int = 3600) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_lifetime = token_lifetime
        self.port = _free_port()
        self.issuer = f"http://127.0.0.1:{self.port}"
        self.key = RSAKey.generate_key(2048, parameters={"kid": "fake-oidc-1", "use": "sig",
                                                         "alg": "RS256"})
        self.logins: list[str] = []
        self.authorize_requests: list[dict[str, str]] = []
        self._grants: dict[str, _Grant] = {}
        self._access_tokens: dict[str, str] = {}
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------
    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def start(self) -> FakeOIDCProvider:
        config = uvicorn.Config(self.app(), host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="fake-oidc", daemon=True)
        self._thread.start()
        deadline = time.time() + 15
        while not self._server.started:
            if time.time() > deadline or not self._thread.is_alive():
                raise RuntimeError("the fake OIDC provider did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)

    def __enter__(self) -> FakeOIDCProvider:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- the ASGI app ------------------------------------------------------------------------
    def app(self) -> Starlette:
        return Starlette(routes=[
            Route("/.well-known/openid-configuration", self._discovery),
            Route("/authorize", self._authorize_form, methods=["GET"]),
            Route("/authorize", self._authorize_submit, methods=["POST"]),
            Route("/token", self._token, methods=["POST"]),
            Route("/jwks", self._jwks),
            Route("/userinfo", self._userinfo, methods=["GET", "POST"]),
            Route("/end_session", self._end_session),
        ])

    async def _discovery(self, request: Request) -> Response:
        return JSONResponse({
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/end_session",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["iss", "aud", "sub", "email", "email_verified", "name", "nonce",
                                 "iat", "exp"],
        })

    def _check_authorize(self, params) -> str | None:
        """The reason this authorization request is refused, or None."""
        if params.get("client_id") != self.client_id:
            return "unknown client_id"
        if not params.get("redirect_uri", "").endswith("/oauth2callback"):
            return "redirect_uri must end with /oauth2callback"
        if params.get("code_challenge") and params.get("code_challenge_method") != "S256":
            return "only PKCE S256 is supported"
        return None

    async def _authorize_form(self, request: Request) -> Response:
        params = dict(request.query_params)
        self.authorize_requests.append(params)
        if params.get("response_type") != "code":
            return HTMLResponse("<p>unsupported response_type</p>", status_code=400)
        problem = self._check_authorize(params)
        if problem:
            return HTMLResponse(f"<p>{html.escape(problem)}</p>", status_code=400)
        hidden = "".join(f'<input type="hidden" name="{name}" value="{html.escape(params[name])}">'
                         for name in _AUTHORIZE_FIELDS if name in params)
        return HTMLResponse(
            "<!doctype html><html><head><title>Fake OIDC sign-in</title></head><body>"
            "<h1>Fake OIDC provider</h1>"
            '<form method="post" action="/authorize">'
            f"{hidden}"
            '<label for="email">Email</label> '
            '<input id="email" name="email" type="email" required autofocus> '
            '<button type="submit">Continue</button>'
            "</form></body></html>")

    async def _authorize_submit(self, request: Request) -> Response:
        form = dict(await request.form())
        problem = self._check_authorize(form)
        email = str(form.get("email", "")).strip().lower()
        if not problem and "@" not in email:
            problem = "email must contain @"
        if problem:
            return HTMLResponse(f"<p>{html.escape(problem)}</p>", status_code=400)
        code = secrets.token_urlsafe(24)
        self._grants[code] = _Grant(email=email, client_id=form["client_id"],
                                    redirect_uri=form["redirect_uri"], nonce=form.get("nonce"),
                                    code_challenge=form.get("code_challenge"))
        query = {"code": code}
        if form.get("state"):
            query["state"] = form["state"]
        return RedirectResponse(f"{form['redirect_uri']}?{urlencode(query)}", status_code=302)

    def _client_credentials(self, request: Request, form: dict) -> tuple[str | None, str | None]:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("basic "):
            try:
                decoded = base64.b64decode(header[6:]).decode("utf-8")
            except (ValueError, UnicodeDecodeError):
                return None, None
            client_id, _, client_secret = decoded.partition(":")
            return unquote(client_id), unquote(client_secret)
        return form.get("client_id"), form.get("client_secret")

    async def _token(self, request: Request) -> Response:
        form = dict(await request.form())

        def error(code: str, description: str, status: int = 400) -> Response:
            return JSONResponse({"error": code, "error_description": description}, status_code=status)

        client_id, client_secret = self._client_credentials(request, form)
        if client_id != self.client_id or client_secret != self.client_secret:
            return error("invalid_client", "wrong client id or secret", 401)
        if form.get("grant_type") != "authorization_code":
            return error("unsupported_grant_type", "only authorization_code")
        grant = self._grants.pop(str(form.get("code", "")), None)  # codes are single use
        if grant is None:
            return error("invalid_grant", "unknown or already used code")
        if grant.client_id != client_id or grant.redirect_uri != form.get("redirect_uri"):
            return error("invalid_grant", "redirect_uri or client does not match the code")
        if grant.code_challenge:
            verifier = str(form.get("code_verifier", ""))
            if not verifier or _b64url_sha256(verifier) != grant.code_challenge:
                return error("invalid_grant", "PKCE code_verifier does not match")
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "sub": self.subject(grant.email),
                  "email": grant.email, "email_verified": True, "name": display_name(grant.email),
                  "iat": now, "exp": now + self.token_lifetime}
        if grant.nonce:
            claims["nonce"] = grant.nonce
        id_token = jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)
        access_token = secrets.token_urlsafe(24)
        self._access_tokens[access_token] = grant.email
        self.logins.append(grant.email)
        return JSONResponse({"access_token": access_token, "token_type": "Bearer",
                             "expires_in": self.token_lifetime, "scope": "openid email profile",
                             "id_token": id_token},
                            headers={"Cache-Control": "no-store"})

    async def _jwks(self, request: Request) -> Response:
        return JSONResponse({"keys": [self.key.as_dict(private=False)]})

    async def _userinfo(self, request: Request) -> Response:
        header = request.headers.get("authorization", "")
        email = self._access_tokens.get(header[7:]) if header.lower().startswith("bearer ") else None
        if email is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse({"sub": self.subject(email), "email": email, "email_verified": True,
                             "name": display_name(email)})

    async def _end_session(self, request: Request) -> Response:
        target = request.query_params.get("post_logout_redirect_uri")
        if target:
            return RedirectResponse(target, status_code=302)
        return HTMLResponse("<p>Signed out.</p>")

    @staticmethod
    def subject(email: str) -> str:
        """A stable, opaque `sub` per email (as real providers issue)."""
        return "fake-" + hashlib.sha256(email.encode("utf-8")).hexdigest()[:20]


def write_auth_secrets(path: Path, provider: FakeOIDCProvider, redirect_host: str = "127.0.0.1") -> Path:
    """A secrets.toml whose [auth] section points Streamlit's st.login at `provider`.

    The redirect URI keeps Streamlit's literal "{port}" placeholder, filled in by Streamlit with
    server.port, so the file can be written before the app's port is known.
    """
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://{redirect_host}:{{port}}/oauth2callback"\n'
        f'cookie_secret = "{COOKIE_SECRET}"\n'
        f'client_id = "{provider.client_id}"\n'
        f'client_secret = "{provider.client_secret}"\n'
        f'server_metadata_url = "{provider.discovery_url}"\n', encoding="utf-8")
    return path
