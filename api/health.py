"""``/health``: answers at once, never touches the query workers' queue."""

from __future__ import annotations

from fastapi import APIRouter, Request

router = APIRouter(tags=["service"])


@router.get("/health", summary="Liveness and query-worker status",
            responses={200: {"content": {"application/json": {"example": {
                "status": "ok", "workers": {"workers": 2, "idle": 2, "size": 2, "killed": 0}}}}}})
async def health(request: Request) -> dict:
    """``ok`` while at least one query worker is alive, ``degraded`` otherwise."""
    workers = request.app.state.pool.status()
    return {"status": "ok" if workers["workers"] else "degraded", "workers": workers}
