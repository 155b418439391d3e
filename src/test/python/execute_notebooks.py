"""Executes notebooks in one Jupyter kernel, one after the other, as `jupyter-nbconvert --execute`
does each in a kernel of its own; writes each executed notebook to the output folder.

One kernel means one start of the Python process and of the JVM and Spark session the notebooks
start in it, instead of one per notebook. Each notebook still runs every cell in order from the
top, with its own imports and settings; a failing cell is recorded in the executed notebook (as an
error output) and the next notebooks still run.

    python3 execute_notebooks.py <output folder> <timeout seconds> <notebook>...
"""

import pathlib
import sys

import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient


def main(output, timeout, notebooks):
    kernel = KernelManager(kernel_name="python3")
    kernel.start_kernel()
    try:
        for path in notebooks:
            notebook = nbformat.read(path, as_version=4)
            NotebookClient(
                notebook,
                km=kernel,
                timeout=timeout,
                allow_errors=True,
                resources={"metadata": {"path": str(pathlib.Path(path).parent)}},
            ).execute()
            nbformat.write(notebook, str(pathlib.Path(output) / pathlib.Path(path).name))
    finally:
        kernel.shutdown_kernel(now=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3:])
