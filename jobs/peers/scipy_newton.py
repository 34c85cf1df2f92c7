#!/usr/bin/env python3
"""Single-machine peer of `attnreg solve`: scipy's trust-region Newton with the exact Hessian.

  python3 jobs/peers/scipy_newton.py --check-math PATH/check_math.py --family softmax|exp \
      --input DIR_OR_FILE --x0 FILE [--tol 1e-10]

Loads the CSV rows (label first, then the d features; a directory's hidden files _*, .* are
skipped) with numpy, builds the loss, gradient and Hessian from the classes of check_math.py
(SoftmaxReg, HypReg(A, b, "exp")) and times only scipy.optimize.minimize(method="trust-exact")
from x0 (one number per line, as attnreg's --x0 reads it), with gtol = tol * ||grad L(x0)||: the
relative gradient tolerance of attnreg's solver. Prints one JSON object: seconds (the minimize call
alone), load_seconds, iterations, loss, gradient_norm, success, message, n, d.

numpy and scipy use their own BLAS threads (OpenBLAS: every core unless OPENBLAS_NUM_THREADS says
otherwise).
"""
import argparse
import importlib.util
import json
import os
import sys
import time

import numpy as np
from scipy import optimize


class NoRegulariser:
    """The regulariser term of check_math's classes with w = 0 and lam = 0, without its arithmetic.

    check_math builds R(x) = 0.5||diag(w)Ax||^2 + 0.5 lam||x||^2 even when it is zero, at the cost
    of two more products with A and a second n*d*d Gram per Hessian; a fair peer leaves that out.
    """

    def loss(self, x):
        return 0.0

    def grad(self, x):
        return 0.0

    def hess(self, x):
        return 0.0


def load_module(path):
    spec = importlib.util.spec_from_file_location("check_math", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def data_files(path):
    if os.path.isfile(path):
        return [path]
    names = sorted(f for f in os.listdir(path) if not f.startswith(("_", ".")))
    files = [os.path.join(path, f) for f in names if os.path.isfile(os.path.join(path, f))]
    if not files:
        raise SystemExit(f"scipy_newton: {path}: no data files")
    return files


def load_rows(path):
    blocks = [np.loadtxt(f, delimiter=",", ndmin=2) for f in data_files(path)]
    rows = np.vstack([b for b in blocks if b.size])
    return np.ascontiguousarray(rows[:, 1:]), np.ascontiguousarray(rows[:, 0])


def problem(check_math, family, A, b):
    if family == "softmax":
        obj = check_math.SoftmaxReg(A, b)
    elif family == "exp":
        obj = check_math.HypReg(A, b, "exp")
    else:
        raise SystemExit(f"scipy_newton: --family: '{family}' is not softmax or exp")
    obj.reg = NoRegulariser()
    return obj


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check-math", required=True, help="path of check_math.py")
    p.add_argument("--family", required=True, choices=["softmax", "exp"])
    p.add_argument("--input", required=True)
    p.add_argument("--x0", required=True, help="starting point, one number per line")
    p.add_argument("--tol", type=float, default=1e-10, help="relative gradient tolerance (default 1e-10)")
    p.add_argument("--max-iter", type=int, default=100)
    args = p.parse_args(argv)
    if not os.path.isfile(args.check_math):
        raise SystemExit(f"scipy_newton: --check-math: {args.check_math} does not exist")
    check_math = load_module(args.check_math)
    t0 = time.perf_counter()
    A, b = load_rows(args.input)
    load_seconds = time.perf_counter() - t0
    x0 = np.loadtxt(args.x0, comments="#", ndmin=1)
    if x0.shape != (A.shape[1],):
        raise SystemExit(f"scipy_newton: {args.x0}: holds {x0.size} numbers, the rows have d = {A.shape[1]}")
    obj = problem(check_math, args.family, A, b)
    g0 = np.linalg.norm(obj.grad(x0))
    gtol = args.tol * g0
    t1 = time.perf_counter()
    res = optimize.minimize(obj.loss, x0, jac=obj.grad, hess=obj.hess, method="trust-exact",
                            options={"gtol": gtol, "maxiter": args.max_iter})
    seconds = time.perf_counter() - t1
    print(json.dumps({
        "seconds": seconds, "load_seconds": load_seconds, "iterations": int(res.nit),
        "loss": float(res.fun), "gradient_norm": float(np.linalg.norm(res.jac)),
        "initial_gradient_norm": float(g0), "gtol": float(gtol), "success": bool(res.success),
        "message": str(res.message), "n": int(A.shape[0]), "d": int(A.shape[1]),
    }))


if __name__ == "__main__":
    main(sys.argv[1:])
