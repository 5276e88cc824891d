"""Sends a CloudWatch JSON 1.0 request signed by botocore's SigV4Auth, the way a botocore client would sign it.

The endpoint tests use it as a client whose signing is known to be right, so that a refusal proves the endpoint's
checks and not a signing bug of ours. Prints one JSON line per response: {"status": ..., "body": ...}.
"""

import argparse
import gzip
import json
import sys
import urllib.error
import urllib.request

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--access-key", required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--operation", default="PutMetricData")
    parser.add_argument("--body", required=True, action="append", help="a file holding a JSON body; several are sent in order")
    parser.add_argument("--gzip", action="store_true")
    parser.add_argument("--repeat", type=int, default=1, help="send the bodies this many times, each signed anew")
    args = parser.parse_args()

    for _ in range(args.repeat):
        for path in args.body:
            send(args, path)


def send(args, path):
    with open(path, "rb") as file:
        body = file.read()
    headers = {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": f"GraniteServiceVersion20100801.{args.operation}",
    }
    if args.gzip:
        body = gzip.compress(body)
        headers["Content-Encoding"] = "gzip"
    request = AWSRequest(method="POST", url=args.url, headers=headers, data=body)
    SigV4Auth(Credentials(args.access_key, args.secret_key), "monitoring", args.region).add_auth(request)
    sent = urllib.request.Request(args.url, data=body, headers=dict(request.headers.items()), method="POST")
    try:
        with urllib.request.urlopen(sent, timeout=10) as response:
            status, answer = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, answer = error.code, error.read()
    print(json.dumps({"status": status, "body": json.loads(answer)}), flush=True)


if __name__ == "__main__":
    sys.exit(main())
