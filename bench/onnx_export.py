#!/usr/bin/env python3
"""Compiles the linear model of a kroute weight file into ONNX graphs, for the ONNX Runtime baseline.

    /usr/bin/python3 bench/onnx_export.py --weights FILE.json --out-dir DIR

Writes two graphs of the same model, both ending in the softmax of scikit-learn's predict_proba:

  DIR/<stem>-dense.onnx   input "x": float64 [1, V] count/tf-idf vector;
                          MatMul(x, W) + b, Softmax.  (What a dense export of a linear model looks like.)
  DIR/<stem>-sparse.onnx  inputs "indices": int64 [n], "values": float64 [n] (the non-zero features);
                          Gather(W, indices) * values, ReduceSum over rows, + b, Softmax.
                          (The cheapest formulation in the standard opset: it touches only n rows of W.)

W is featureLogProb transposed to [V, C] and b is jointLogLikelihoodOffset, both float64 as in the file.
The vectorizer is not part of either graph: the standard opset has no scikit-learn tokenizer, so the
benchmark vectorizes with kroute's own and hands the vector to ONNX Runtime.
"""

import argparse
import json
import os
import sys

try:
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
except ImportError as error:
    sys.exit("onnx_export.py: %s; install Debian's package with: apt-get install -y python3-onnx "
             "and run with /usr/bin/python3" % error)

OPSET = 13


def load_linear_model(path):
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    if document.get("format") != "kroute-weights":
        sys.exit("onnx_export.py: expected a kroute weight file, found format %r in %s"
                 % (document.get("format"), path))
    model = document["model"]
    weights = np.asarray(model["featureLogProb"], dtype=np.float64)
    offsets = np.asarray(model["jointLogLikelihoodOffset"], dtype=np.float64)
    vocabulary = len(document["vectorizer"]["vocabulary"])
    if weights.shape != (len(model["classes"]), vocabulary):
        sys.exit("onnx_export.py: expected featureLogProb of %d x %d, found %s"
                 % (len(model["classes"]), vocabulary, weights.shape))
    return weights.T.copy(), offsets


def dense_graph(weights, offsets):
    features, classes = weights.shape
    nodes = [
        helper.make_node("MatMul", ["x", "W"], ["scores"]),
        helper.make_node("Add", ["scores", "b"], ["joint"]),
        helper.make_node("Softmax", ["joint"], ["probabilities"], axis=-1),
    ]
    return helper.make_graph(
        nodes, "kroute_linear_dense",
        [helper.make_tensor_value_info("x", TensorProto.DOUBLE, [1, features])],
        [helper.make_tensor_value_info("probabilities", TensorProto.DOUBLE, [1, classes])],
        [numpy_helper.from_array(weights, "W"), numpy_helper.from_array(offsets, "b")])


def sparse_graph(weights, offsets):
    classes = weights.shape[1]
    nodes = [
        helper.make_node("Gather", ["W", "indices"], ["rows"], axis=0),
        helper.make_node("Unsqueeze", ["values", "column_axis"], ["column"]),
        helper.make_node("Mul", ["rows", "column"], ["weighted"]),
        helper.make_node("ReduceSum", ["weighted", "row_axis"], ["scores"], keepdims=0),
        helper.make_node("Add", ["scores", "b"], ["joint"]),
        helper.make_node("Softmax", ["joint"], ["probabilities"], axis=-1),
    ]
    return helper.make_graph(
        nodes, "kroute_linear_sparse",
        [helper.make_tensor_value_info("indices", TensorProto.INT64, ["n"]),
         helper.make_tensor_value_info("values", TensorProto.DOUBLE, ["n"])],
        [helper.make_tensor_value_info("probabilities", TensorProto.DOUBLE, [classes])],
        [numpy_helper.from_array(weights, "W"), numpy_helper.from_array(offsets, "b"),
         numpy_helper.from_array(np.array([1], dtype=np.int64), "column_axis"),
         numpy_helper.from_array(np.array([0], dtype=np.int64), "row_axis")])


def write_model(graph, path):
    model = helper.make_model(graph, producer_name="kroute", opset_imports=[helper.make_opsetid("", OPSET)])
    onnx.checker.check_model(model)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    onnx.save(model, path)


def main(argv=None):
    parser = argparse.ArgumentParser(prog="onnx_export.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--weights", required=True, help="a kroute weight file")
    parser.add_argument("--out-dir", required=True, help="folder for <stem>-dense.onnx and <stem>-sparse.onnx")
    arguments = parser.parse_args(argv)
    weights, offsets = load_linear_model(arguments.weights)
    stem = os.path.splitext(os.path.basename(arguments.weights))[0]
    outputs = {}
    for kind, build in (("dense", dense_graph), ("sparse", sparse_graph)):
        path = os.path.join(arguments.out_dir, "%s-%s.onnx" % (stem, kind))
        write_model(build(weights, offsets), path)
        outputs[kind] = path
    print(json.dumps({"onnxVersion": onnx.__version__, "opset": OPSET, "features": weights.shape[0],
                      "classes": weights.shape[1], "files": outputs}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
