"""Speed and scale: the same pipeline, faster on one core and spread over many machines.

    fastnlp        the spaCy pipeline without its slow paths (matmul ops, compiled attribute rules)
    partition      an engine-neutral batch function: article dicts in, event rows out
    dask_engine    read shards, code them on a Dask cluster, link in a second pass, write Parquet

Nothing here is imported by ``import backchannel``: Dask, pandas and pyarrow load only when used.
"""
