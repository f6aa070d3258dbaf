"""An independent gRPC server (python grpcio) that gzip-compresses every response.

Serves federatedagents.testing.Echo/Unary by echoing the request bytes unchanged (no generated
code needed). Prints {"port": N} once listening and exits when stdin closes. Run it with
/usr/bin/python3, where Debian's python3-grpcio is importable.
"""
import json
import sys
from concurrent import futures

import grpc


def echo(request, context):
    return request


def main():
    handler = grpc.method_handlers_generic_handler(
        "federatedagents.testing.Echo",
        {"Unary": grpc.unary_unary_rpc_method_handler(echo)},
    )
    server = grpc.server(
        futures.ThreadPoolExecutor(max_workers=4),
        handlers=[handler],
        compression=grpc.Compression.Gzip,
    )
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(json.dumps({"port": port}), flush=True)
    sys.stdin.read()
    server.stop(0)


if __name__ == "__main__":
    main()
