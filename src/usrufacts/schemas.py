"""JSON Schemas for the fact files, generated from the model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from . import model


def schemas() -> dict[str, dict[str, Any]]:
    """One schema per fact file, keyed by the file's stem."""
    out = {}
    for stem, file_model in model.FILES.items():
        schema = file_model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"usrufacts {stem}.yaml"
        out[stem] = schema
    return out


def write_schemas(directory: Path | None, stream: IO[str]) -> None:
    generated = schemas()
    if directory is None:
        stream.write(json.dumps(generated, indent=2) + "\n")
        return
    from .atomic import ensure_directory, writing

    ensure_directory(directory)
    for stem, schema in generated.items():
        path = directory / f"{stem}.schema.json"
        text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
        with writing(path, force=True) as temporary:
            Path(temporary).write_text(text, encoding="utf-8")
        stream.write(f"wrote {path}\n")
