#!/usr/bin/env python3
"""Trains meterd's pointer model on the labelled dial crops and writes it as
a float32 .tflite that meterd's engine runs (2 outputs, sin/cos of the
pointer angle: the "ana-cont" kind, value = 10 * atan2(out0, out1) / 2pi).

  python3 vision/train/train_pointer.py tests/fixtures/watermeter/analog \
      data/models/meterd-pointer-v1.tflite

Only the images in that folder are used (labels from labels.csv). About a
sixth of them, chosen by a hash of the file name, is held out and never
trained on, so the printed held-out figures estimate accuracy on new dials.
Needs Debian's python3-torch, python3-numpy and python3-pil; CPU only.
"""
import csv
import hashlib
import math
import os
import struct
import sys

import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import tflite_writer  # noqa: E402

torch.manual_seed(1)
np.random.seed(1)
torch.set_num_threads(1)


def held_out(name):
    return hashlib.sha1(os.path.basename(name).encode()).digest()[0] < 43   # ~1/6


def load(folder):
    xs, ys, hold = [], [], []
    root = os.path.dirname(os.path.abspath(folder.rstrip("/")))
    with open(os.path.join(folder, "labels.csv")) as f:
        for r in csv.DictReader(f):
            im = Image.open(os.path.join(root, r["file"])).convert("RGB")
            # the model input as meterd makes it (whole crop to 32x32), with a
            # 2-pixel replicated border so training can shift it a little
            im = im.resize((32, 32), Image.BICUBIC)
            xs.append(np.pad(np.asarray(im, dtype=np.uint8), ((2, 2), (2, 2), (0, 0)), mode="edge"))
            ys.append(float(r["label"]))
            hold.append(held_out(r["file"]))
    return np.stack(xs), np.array(ys, dtype=np.float32), np.array(hold)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        c = torch.nn.Conv2d
        self.c1, self.c2, self.c3 = c(3, 16, 3, padding=1), c(16, 32, 3, padding=1), c(32, 48, 3, padding=1)
        self.f1, self.f2 = torch.nn.Linear(48 * 4 * 4, 64), torch.nn.Linear(64, 2)

    def forward(self, x):                # x: N,3,32,32 in 0..255
        x = x / 255.0 - 0.5
        p = torch.nn.functional.max_pool2d
        x = p(torch.relu(self.c1(x)), 2)
        x = p(torch.relu(self.c2(x)), 2)
        x = p(torch.relu(self.c3(x)), 2)
        x = torch.relu(self.f1(x.flatten(1)))
        return self.f2(x)


def target(y):
    a = y / 10.0 * 2 * math.pi
    return torch.stack([torch.sin(a), torch.cos(a)], 1)


def value(out):
    v = torch.atan2(out[:, 0], out[:, 1]) / (2 * math.pi)
    return 10 * (v - torch.floor(v))


def batch(xs, idx, train):
    """Padded 36x36 images -> 32x32: shifted by up to 2 px when training, the
    unshifted input otherwise."""
    out = np.empty((len(idx), 32, 32, 3), dtype=np.float32)
    for k, i in enumerate(idx):
        ox, oy = (np.random.randint(0, 5, 2) if train else (2, 2))
        im = xs[i, oy:oy + 32, ox:ox + 32].astype(np.float32)
        if train:
            im = im * np.random.uniform(0.75, 1.25) + np.random.uniform(-25, 25)
            im = np.clip(im, 0, 255)
        out[k] = im
    return torch.from_numpy(out).permute(0, 3, 1, 2)


def evaluate(net, xs, ys, idx):
    with torch.no_grad():
        v = value(net(batch(xs, idx, False))).numpy()
    d = np.abs(v - ys[idx]) % 10
    d = np.minimum(d, 10 - d)
    return float(np.mean(d <= 0.2 + 1e-6)), float(np.mean(d))


def export(net, path):
    """Float TFLite graph: MUL, ADD (normalisation), 3x (CONV_2D relu, MAX_POOL_2D),
    RESHAPE, 2x FULLY_CONNECTED. Weights are transposed from PyTorch's NCHW to
    TFLite's NHWC; the first dense layer's columns are reordered because the
    flatten order differs (C,H,W vs H,W,C)."""
    sd = {k: v.detach().numpy().astype(np.float32) for k, v in net.state_dict().items()}
    buffers, tensors = [b""], []

    def tensor(shape, name, data=None):
        b = 0
        if data is not None:
            buffers.append(np.ascontiguousarray(data, dtype="<f4").tobytes())
            b = len(buffers) - 1
        tensors.append({"shape": list(shape), "buffer": b, "name": name})
        return len(tensors) - 1

    ops = []
    x = tensor([1, 32, 32, 3], "input")
    inp = x
    s = tensor([3], "scale", np.full(3, 1 / 255.0))
    y = tensor([1, 32, 32, 3], "scaled")
    ops.append(("MUL", [x, s], [y], {}))
    o = tensor([3], "offset", np.full(3, -0.5))
    x = tensor([1, 32, 32, 3], "normalised")
    ops.append(("ADD", [y, o], [x], {}))
    hw, ch = 32, 3
    for i, name in enumerate(["c1", "c2", "c3"]):
        w = sd[name + ".weight"].transpose(0, 2, 3, 1)   # O,C,KH,KW -> O,KH,KW,C
        oc = w.shape[0]
        wt = tensor(w.shape, name + "/w", w)
        bt = tensor([oc], name + "/b", sd[name + ".bias"])
        y = tensor([1, hw, hw, oc], name)
        ops.append(("CONV_2D", [x, wt, bt], [y], {"act": 1}))
        hw //= 2
        x = tensor([1, hw, hw, oc], name + "/pool")
        ops.append(("MAX_POOL_2D", [y], [x], {}))
        ch = oc
    flat = tensor([1, hw * hw * ch], "flat")
    ops.append(("RESHAPE", [x], [flat], {"shape": [1, hw * hw * ch]}))
    w1 = sd["f1.weight"].reshape(-1, ch, hw, hw).transpose(0, 2, 3, 1).reshape(-1, hw * hw * ch)
    h = tensor([1, 64], "f1")
    ops.append(("FULLY_CONNECTED", [flat, tensor(w1.shape, "f1/w", w1),
                                    tensor([64], "f1/b", sd["f1.bias"])], [h], {"act": 1}))
    out = tensor([1, 2], "sincos")
    ops.append(("FULLY_CONNECTED", [h, tensor(sd["f2.weight"].shape, "f2/w", sd["f2.weight"]),
                                    tensor([2], "f2/b", sd["f2.bias"])], [out], {}))
    with open(path, "wb") as f:
        f.write(tflite_writer.model_bytes(tensors, ops, [inp], [out], buffers))


def main():
    folder, out = sys.argv[1], sys.argv[2]
    epochs = int(os.environ.get("EPOCHS", "80"))
    xs, ys, hold = load(folder)
    tr, te = np.where(~hold)[0], np.where(hold)[0]
    print(f"{len(tr)} training, {len(te)} held-out images", flush=True)
    net = Net()
    opt = torch.optim.Adam(net.parameters(), lr=2e-3, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    for ep in range(epochs):
        net.train()
        perm = np.random.permutation(tr)
        for i in range(0, len(perm), 32):
            idx = perm[i:i + 32]
            loss = torch.nn.functional.mse_loss(net(batch(xs, idx, True)),
                                                target(torch.from_numpy(ys[idx])))
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        if ep % 10 == 9 or ep == epochs - 1:
            net.eval()
            print(f"epoch {ep + 1}: held-out within 0.2 / mean error {evaluate(net, xs, ys, te)}, "
                  f"training {evaluate(net, xs, ys, tr)}", flush=True)
    net.eval()
    export(net, out)
    print("wrote", out)


if __name__ == "__main__":
    main()
