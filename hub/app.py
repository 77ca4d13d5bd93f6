"""The hub's HTTP face (FastAPI): one POST route per transaction code, a PUT for media chunks,
and a small admin API (bearer token) so operators, demos and tests can close the loop.

Errors are answered the national platform's way: HTTP 200 with ``infcode`` -1 and a machine
``err_code``, so a station's retry logic can tell a refusal from a transport failure (5xx).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import itertools
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Header, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from hub.bundle_import import hub_signing_key
from hub.db import HubStation
from hub.limits import BodyLimit
from hub.service import Hub, HubError
from hub.station_gate import StationGate
from sync import protocol as p

logger = logging.getLogger(__name__)

#: inf_refmsgid serials: the process id leads, so several workers never hand out the same id
_serial = itertools.count(1)
_WORKER = os.getpid() % 10_000

TX_DOCS: dict[p.Tx, str] = {
    p.Tx.ENROL: "Station enrolment: input EnrolInput (signed with the key being enrolled). Output StationStatusOutput.",
    p.Tx.STATION_STATUS: "Enrolment status and hub time. Output StationStatusOutput.",
    p.Tx.CASE_BATCH: "Upload a batch of case revisions (CaseBatchInput); per-case acks (CaseBatchOutput). "
    "Idempotent by (uuid, revision).",
    p.Tx.MEDIA_STATUS: "Bytes of a media file the hub holds (MediaStatusInput → MediaStatusOutput).",
    p.Tx.RESULTS: "Case results from the centre after a cursor (CursorInput → ResultsOutput).",
    p.Tx.HOLIDAYS: "Holiday and 调休 table after a cursor (CursorInput → HolidaysOutput).",
    p.Tx.ROSTER: "Insured persons of the station's county after a cursor (CursorInput → RosterOutput).",
    p.Tx.CATALOG: "Newest signed catalog package if newer than current_version (CatalogInput → CatalogOutput).",
    p.Tx.EVOUCHER: "Resolve an e-voucher QR code (EvoucherInput → EvoucherOutput).",
}


class DecisionIn(BaseModel):
    action: str
    reason: str | None = None
    by: str = "operator"


class RosterIn(BaseModel):
    admdvs: str
    persons: list[p.RosterRecord]


class EvoucherIn(BaseModel):
    qr: str
    person: p.EvoucherOutput


def create_app(hub: Hub, *, admin_token: str | None = None, hub_code: str = "000000") -> FastAPI:
    app = FastAPI(
        title="Tongban hub (医保通办 中心端)",
        version=p.INFVER,
        description="Reference central-platform endpoint for Tongban stations. See docs/sync-protocol.md.",
    )

    def answer(output: BaseModel | dict[str, Any] | None = None, error: HubError | None = None) -> p.Answer:
        now = dt.datetime.now(dt.UTC)
        ref = f"{hub_code}{now.astimezone(p.CHINA):%Y%m%d%H%M%S}{_WORKER:04d}{next(_serial) % 10**6:06d}"
        if error is not None:
            return p.Answer(infcode=-1, inf_refmsgid=ref, respond_time=p.respond_time(now), err_code=error.code,
                            err_msg=error.message, server_time=int(now.timestamp()), output=error.output)
        data = output.model_dump(mode="json") if isinstance(output, BaseModel) else (output or {})
        return p.Answer(infcode=0, inf_refmsgid=ref, respond_time=p.respond_time(now),
                        server_time=int(now.timestamp()), output=data)

    # Every answer to a transaction is signed with the hub's key (the one of its USB bundles),
    # bound to the request's nonce; stations pin the key at enrolment and refuse answers from
    # any other hub (docs/sync-protocol.md, "The hub's key").
    signing_key = hub_signing_key(hub.data)
    public_b64 = p.public_key_b64(signing_key.public_key())

    def signed(ans: p.Answer, nonce: str = "", status_code: int = 200) -> JSONResponse:
        response = JSONResponse(ans.model_dump(mode="json"), status_code=status_code)
        response.headers[p.HUB_KEY_HEADER] = public_b64
        response.headers[p.HUB_SIGNATURE_HEADER] = p.sign_answer(signing_key, nonce, bytes(response.body))
        return response


    @app.exception_handler(RequestValidationError)
    async def _bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        body = answer(error=HubError(p.ERR_BAD_ENVELOPE, "request does not parse as an envelope"))
        return signed(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Any:
        # A body that is not JSON at all ("There was an error parsing the body") on a transaction
        # is answered like any bad envelope (tests/test_hub_fuzz.py); admin routes keep FastAPI's form.
        if request.url.path.startswith(p.API_PREFIX) and exc.status_code == 400:
            body = answer(error=HubError(p.ERR_BAD_ENVELOPE, "request does not parse as an envelope"))
            return signed(body, status_code=400)
        return await http_exception_handler(request, exc)

    handlers: dict[p.Tx, Callable[[p.Envelope, HubStation | None], BaseModel]] = {
        p.Tx.ENROL: lambda env, st: hub.enrol(env),
        p.Tx.STATION_STATUS: lambda env, st: hub.station_status(st, p.StatusInput.model_validate(env.input)),
        p.Tx.CASE_BATCH: lambda env, st: hub.receive_batch(_st(st), p.CaseBatchInput.model_validate(env.input)),
        p.Tx.MEDIA_STATUS: lambda env, st: hub.media_status(p.MediaStatusInput.model_validate(env.input)),
        p.Tx.RESULTS: lambda env, st: hub.results(_st(st), p.CursorInput.model_validate(env.input)),
        p.Tx.HOLIDAYS: lambda env, st: hub.holidays(p.CursorInput.model_validate(env.input)),
        p.Tx.ROSTER: lambda env, st: hub.roster(
            _st(st),
            p.CursorInput.model_validate(env.input),
            insurance=p.infver_at_least(env.infver, p.INFVER_ROSTER_INSURANCE),
        ),
        p.Tx.CATALOG: lambda env, st: hub.catalog(p.CatalogInput.model_validate(env.input)),
        p.Tx.EVOUCHER: lambda env, st: hub.evoucher(p.EvoucherInput.model_validate(env.input)),
    }

    def route(tx: p.Tx) -> None:
        handler = handlers[tx]

        def endpoint(
            envelope: p.Envelope, x_tongban_station: str | None = Header(None, include_in_schema=False)
        ) -> Any:
            try:
                if x_tongban_station is not None and x_tongban_station.strip() != envelope.station_code:
                    raise HubError(p.ERR_BAD_ENVELOPE, "station header differs from the envelope")
                station = hub.authenticate(envelope, tx.value)
                out = handler(envelope, station)
            except HubError as exc:
                logger.info("tx %s from %s refused: %s", tx.value, envelope.station_code, exc.code)
                return signed(answer(error=exc), envelope.nonce)
            except ValidationError as exc:
                error = HubError(p.ERR_BAD_ENVELOPE, f"input: {exc.error_count()} error(s)")
                return signed(answer(error=error), envelope.nonce)
            return signed(answer(out), envelope.nonce)

        app.post(f"{p.API_PREFIX}/{tx.value}", response_model=p.Answer, summary=f"{tx.value} {tx.name.lower()}",
                 description=TX_DOCS[tx], tags=["transactions"], operation_id=f"tx_{tx.value}")(endpoint)

    for tx in handlers:
        route(tx)

    @app.put(
        f"{p.API_PREFIX}/media/{{sha256}}",
        response_model=p.Answer,
        summary="3202 media chunk",
        description="One chunk of a media file. Body: the raw bytes. Header X-Tongban-Envelope: the signed "
        "envelope (infno 3202) whose input is MediaChunkInput (sha256, size, offset, length, chunk_sha256). "
        "A wrong offset is answered with err_code sync.media_offset and the hub's offset in output.",
        tags=["transactions"],
        operation_id="tx_3202",
        openapi_extra={"requestBody": {"required": True, "content": {"application/octet-stream": {
            "schema": {"type": "string", "format": "binary"}}}}},
    )
    async def media_chunk(sha256: str, request: Request, x_tongban_envelope: str = Header(...)) -> Any:
        nonce = ""
        with contextlib.suppress(ValueError, AttributeError):
            nonce = str(json.loads(x_tongban_envelope).get("nonce", ""))
        return signed(await _media_chunk(sha256, request, x_tongban_envelope), nonce)

    async def _media_chunk(sha256: str, request: Request, x_tongban_envelope: str) -> p.Answer:
        # Who sends it is known from the header: an unknown station, a bad signature or a chunk
        # declared over the limits is refused before a byte of the body is read, and the body
        # then goes to a spool file as it arrives (never more than the signed length).
        try:
            env = p.Envelope.model_validate(json.loads(x_tongban_envelope))
            data = p.MediaChunkInput.model_validate(env.input)
        except (ValueError, ValidationError):
            return answer(error=HubError(p.ERR_BAD_ENVELOPE, "envelope header does not parse"))
        if data.sha256 != sha256:
            return answer(error=HubError(p.ERR_BAD_ENVELOPE, "sha256 differs from the path"))
        try:
            station = _st(await run_in_threadpool(hub.authenticate, env, p.Tx.MEDIA_CHUNK.value))
        except HubError as exc:
            return answer(error=exc)
        try:
            spool = await _spool_body(request, hub.partial_root, data.length)
        except ClientDisconnect:  # the line dropped mid-chunk: nothing was stored, nobody to answer
            logger.info("media chunk cut off while it was being received")
            return answer(error=HubError(p.ERR_BAD_ENVELOPE, "chunk cut off"))
        except HubError as exc:
            return answer(error=exc)
        try:
            return answer(await run_in_threadpool(hub.media_chunk, station, data, spool))
        except HubError as exc:
            return answer(error=exc)
        finally:
            spool.unlink(missing_ok=True)

    # --- admin --------------------------------------------------------------------------

    def admin(authorization: str | None) -> None:
        given = (authorization or "").removeprefix("Bearer ").strip()
        # compared as bytes: a token with non-ASCII characters is just a wrong token
        if not admin_token or not hmac.compare_digest(given.encode(), admin_token.encode()):
            raise HTTPException(status_code=403, detail="admin token required")

    def guard(fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except HubError as exc:
            raise HTTPException(status_code=exc.status if exc.status != 200 else 400,
                                detail={"code": exc.code, "message": exc.message}) from exc

    @app.get("/admin/stations", tags=["admin"])
    def admin_stations(authorization: str | None = Header(None)) -> list[dict[str, Any]]:
        admin(authorization)
        return hub.stations()

    @app.post("/admin/stations/{code}/approve", tags=["admin"])
    def admin_approve(code: str, authorization: str | None = Header(None)) -> dict[str, Any]:
        admin(authorization)
        if not hub.approve(code):
            raise HTTPException(status_code=404, detail="station not found")
        return {"code": code, "status": "approved"}

    @app.get("/admin/stations/{code}/audit-head", tags=["admin"])
    def admin_audit_head(code: str, authorization: str | None = Header(None)) -> dict[str, Any]:
        """The station's newest anchored audit head: save it and run `tongban audit verify --against FILE`."""
        admin(authorization)
        anchor = hub.audit_anchor(code)
        if anchor is None:
            raise HTTPException(status_code=404, detail="no anchor for this station")
        return anchor

    @app.post("/admin/stations/{code}/reset-key", tags=["admin"])
    def admin_reset_key(code: str, authorization: str | None = Header(None)) -> dict[str, Any]:
        admin(authorization)
        if not hub.reset_key(code):
            raise HTTPException(status_code=404, detail="station not found")
        return {"code": code, "status": "pending"}

    @app.get("/admin/cases", tags=["admin"])
    def admin_cases(station: str | None = None, authorization: str | None = Header(None)) -> list[dict[str, Any]]:
        admin(authorization)
        return hub.cases(station)

    @app.post("/admin/cases/{ref}/decision", tags=["admin"])
    def admin_decide(ref: str, decision: DecisionIn, authorization: str | None = Header(None)) -> dict[str, Any]:
        admin(authorization)
        result_id = guard(lambda: hub.decide(ref, decision.action, decision.reason, decision.by))
        return {"id": result_id}

    @app.post("/admin/holidays", tags=["admin"])
    def admin_holidays(days: list[p.HolidayRecord], authorization: str | None = Header(None)) -> dict[str, int]:
        admin(authorization)
        return {"count": hub.set_holidays(days)}

    @app.get("/admin/messages", tags=["admin"])
    def admin_messages(station: str | None = None, authorization: str | None = Header(None)) -> list[dict[str, Any]]:
        admin(authorization)
        return hub.messages(station)

    @app.post("/admin/roster", tags=["admin"])
    def admin_roster(body: RosterIn, authorization: str | None = Header(None)) -> dict[str, int]:
        admin(authorization)
        return {"count": hub.upsert_roster(body.admdvs, body.persons)}

    @app.post("/admin/evouchers", tags=["admin"])
    def admin_evoucher(body: EvoucherIn, authorization: str | None = Header(None)) -> dict[str, str]:
        admin(authorization)
        hub.add_evoucher(body.qr, body.person)
        return {"qr": body.qr}

    @app.post("/admin/catalog", tags=["admin"],
              openapi_extra={"requestBody": {"required": True, "content": {"application/zip": {
                  "schema": {"type": "string", "format": "binary"}}}}})
    async def admin_catalog(request: Request, authorization: str | None = Header(None)) -> dict[str, str]:
        admin(authorization)
        package = await request.body()  # bounded by BodyLimit
        return {"version": guard(lambda: hub.add_catalog(package))}

    @app.get("/admin/stats", tags=["admin"])
    def admin_stats(authorization: str | None = Header(None)) -> dict[str, Any]:
        admin(authorization)
        return hub.stats()

    def station_known(code: str) -> bool:
        return hub.station_known(code)

    def unknown_station(nonce: str) -> JSONResponse:
        logger.info("tx from an unknown station refused from its headers")
        return signed(answer(error=HubError(p.ERR_UNKNOWN_STATION, "station not enrolled")), nonce)

    _document_payloads(app)
    # Outermost last: sizes are bounded first, then unknown stations are refused unread.
    app.add_middleware(StationGate, known=station_known, refusal=unknown_station)
    app.add_middleware(BodyLimit)
    return app


async def _spool_body(request: Request, directory: Path, length: int) -> Path:
    """The request body streamed into a new file in ``directory``; more than ``length`` bytes
    (the length the station signed) is refused without reading on."""
    fd, name = tempfile.mkstemp(prefix="chunk-", suffix=".spool", dir=directory)
    path = Path(name)
    received = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            async for piece in request.stream():
                received += len(piece)
                if received > length:
                    raise HubError(p.ERR_BAD_ENVELOPE, "chunk longer than its signed length")
                fh.write(piece)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


#: Models carried in ``Envelope.input`` / ``Answer.output``: listed in the OpenAPI components.
PAYLOAD_MODELS: tuple[type[BaseModel], ...] = (
    p.EnrolInput, p.StationStatusOutput, p.CaseBatchInput, p.CaseBatchOutput, p.MediaStatusInput,
    p.MediaStatusOutput, p.MediaChunkInput, p.CursorInput, p.ResultsOutput, p.HolidaysOutput, p.RosterOutput,
    p.CatalogInput, p.CatalogOutput, p.EvoucherInput, p.EvoucherOutput,
)


def _document_payloads(app: FastAPI) -> None:
    base = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        doc = base()
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        for model in PAYLOAD_MODELS:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, sub in schema.pop("$defs", {}).items():
                schemas.setdefault(name, sub)
            schemas.setdefault(model.__name__, schema)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]


def _st(station: HubStation | None) -> HubStation:
    if station is None:  # authenticate() returns None only while enrolling
        raise HubError(p.ERR_UNKNOWN_STATION, "station not enrolled")
    return station
