"""A local CloudWatch endpoint for tests: PutMetricData and PutDashboard over the AWS JSON 1.0 protocol.

It checks each request the way the service would, with an implementation that is not ours: Debian's python3-botocore
recomputes the SigV4 signature from the same credentials and X-Amz-Date, and botocore's CloudWatch service model
validates the body. The limits the model cannot express (1,000 data a request, 1 MB, 150 values, ...) come from
CloudWatch's documentation. What it accepts it appends to --record as JSON lines, so a test can compare what was
published with the run it came from. --throttle and --fail answer the first requests with the service's throttling
and internal errors, to test retries.

Run it with Debian's /usr/bin/python3 (scripts/install-test-tools.sh installs python3-botocore), not a python3 that
may carry the same pip botocore as the code under test. It prints "listening <port>" once it accepts connections.
Nothing it prints or answers contains the secret key.
"""

import argparse
import datetime
import gzip
import hashlib
import hmac
import json
import math
import re
import sys
import threading
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.compat import HTTPHeaders
from botocore.credentials import Credentials
from botocore.validate import ParamValidator

TARGET_PREFIX = "GraniteServiceVersion20100801."
OPERATIONS = ("PutMetricData", "PutDashboard")
JSON_CONTENT_TYPE = "application/x-amz-json-1.0"
SIGV4_TIMESTAMP = "%Y%m%dT%H%M%SZ"
SERVICE = "monitoring"

# CloudWatch's documented limits the service model does not carry.
MAX_METRIC_DATA = 1000
MAX_BODY_BYTES = 1024 * 1024
MAX_VALUES = 150
MAX_SKEW = datetime.timedelta(minutes=15)
OLDEST_DATUM = datetime.timedelta(days=14)
NEWEST_DATUM = datetime.timedelta(hours=2)
VALUE_LIMIT = 2.0 ** 360
DASHBOARD_NAME = re.compile(r"[A-Za-z0-9_-]{1,255}\Z")

# Query-compatible JSON services name a modeled error by its shape in __type and give the Query protocol's code in
# x-amzn-query-error, which botocore and the AWS SDK for .NET read first; errors outside the model use the code for both.
MODELED_ERRORS = {
    "InvalidParameterValue": "InvalidParameterValueException",
    "MissingParameter": "MissingRequiredParameterException",
    "InvalidParameterCombination": "InvalidParameterCombinationException",
    "InternalServiceError": "InternalServiceFault",
    "InvalidParameterInput": "DashboardInvalidInputError",
}


class ServiceError(Exception):
    """An answer in the service's JSON 1.0 error shape."""

    def __init__(self, status, code, message, extra=None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra or {}


def invalid(message):
    return ServiceError(400, "InvalidParameterValue", message)


class DeclaredHeadersSigV4(SigV4Auth):
    """botocore's SigV4 over exactly the headers the client declared in SignedHeaders.

    botocore as a client never signs User-Agent or Expect; the service signs whatever SignedHeaders names, so the
    request handed to this signer holds only those headers and all of them are signed.
    """

    def headers_to_sign(self, request):
        header_map = HTTPHeaders()
        for name, value in request.headers.items():
            header_map[name.lower()] = value
        return header_map


class Endpoint:
    """The state the handler threads share: credentials, the error knobs and the record file."""

    def __init__(self, args):
        self.args = args
        self.lock = threading.Lock()
        self.throttle_left = args.throttle
        self.fail_left = args.fail
        model = botocore.session.get_session().get_service_model("cloudwatch")
        self.input_shapes = {name: model.operation_model(name).input_shape for name in OPERATIONS}
        self.record = open(args.record, "a", encoding="utf-8") if args.record else None

    def handle(self, handler, body):
        operation = self.check_target(handler)
        self.check_signature(handler, body)
        with self.lock:
            if self.throttle_left > 0:
                self.throttle_left -= 1
                raise ServiceError(400, "Throttling", "Rate exceeded")
            if self.fail_left > 0:
                self.fail_left -= 1
                raise ServiceError(500, "InternalServiceError", "Internal service error (--fail)")
        compressed = content_encoding(handler) == "gzip"
        params = parse_json(decompress(body) if compressed else body)
        if operation == "PutMetricData":
            self.check_metric_data(params)
            result = {}
        else:
            self.check_dashboard(params)
            result = {"DashboardValidationMessages": []}
        if self.record:
            with self.lock:
                line = {"operation": operation, "body": params, "gzip": compressed}
                self.record.write(json.dumps(line, separators=(",", ":")) + "\n")
                self.record.flush()
        return operation, result

    def check_target(self, handler):
        media_type = (handler.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if media_type != JSON_CONTENT_TYPE:
            raise ServiceError(400, "SerializationException",
                               f"Content-Type must be {JSON_CONTENT_TYPE}, not '{media_type}'")
        target = handler.headers.get("X-Amz-Target") or ""
        operation = target[len(TARGET_PREFIX):] if target.startswith(TARGET_PREFIX) else None
        if operation not in OPERATIONS:
            raise ServiceError(400, "UnknownOperationException",
                               f"X-Amz-Target '{target}' is not {TARGET_PREFIX}PutMetricData or PutDashboard")
        return operation

    def check_signature(self, handler, body):
        authorization = handler.headers.get("Authorization")
        if not authorization:
            raise ServiceError(403, "MissingAuthenticationToken", "Request is missing Authentication Token")
        algorithm, _, fields = authorization.partition(" ")
        parts = dict(p.strip().partition("=")[::2] for p in fields.split(","))
        if algorithm != "AWS4-HMAC-SHA256" or not all(k in parts for k in ("Credential", "SignedHeaders", "Signature")):
            raise ServiceError(400, "IncompleteSignature",
                               "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' "
                               f"parameters of AWS4-HMAC-SHA256. Authorization={algorithm} ...")
        scope = parts["Credential"].split("/")
        if len(scope) != 5 or scope[4] != "aws4_request":
            raise ServiceError(400, "IncompleteSignature",
                               f"Credential must be AKID/DATE/REGION/SERVICE/aws4_request, not {parts['Credential']}")
        access_key, scope_date, region, service, _ = scope
        if access_key != self.args.access_key:
            raise ServiceError(403, "InvalidClientTokenId", "The security token included in the request is invalid.")
        signed = parts["SignedHeaders"].split(";")
        if "host" not in signed:
            raise ServiceError(400, "IncompleteSignature",
                               "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.")
        amz_date = handler.headers.get("X-Amz-Date")
        if not amz_date or "x-amz-date" not in signed:
            raise ServiceError(400, "IncompleteSignature", "X-Amz-Date must be sent and signed (SignedHeaders)")
        try:
            when = datetime.datetime.strptime(amz_date, SIGV4_TIMESTAMP).replace(tzinfo=datetime.timezone.utc)
        except ValueError:
            raise ServiceError(400, "IncompleteSignature", f"X-Amz-Date '{amz_date}' is not yyyyMMddTHHmmssZ")
        now = datetime.datetime.now(datetime.timezone.utc)
        if when < now - MAX_SKEW:
            raise ServiceError(403, "SignatureDoesNotMatch",
                               f"Signature expired: {amz_date} is now earlier than "
                               f"{(now - MAX_SKEW).strftime(SIGV4_TIMESTAMP)} ({now.strftime(SIGV4_TIMESTAMP)} - 15 min.)")
        if when > now + MAX_SKEW:
            raise ServiceError(403, "SignatureDoesNotMatch",
                               f"Signature not yet current: {amz_date} is still later than "
                               f"{(now + MAX_SKEW).strftime(SIGV4_TIMESTAMP)} ({now.strftime(SIGV4_TIMESTAMP)} + 15 min.)")
        if scope_date != amz_date[:8]:
            raise ServiceError(403, "SignatureDoesNotMatch",
                               f"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                               f"from HTTP: '{scope_date}' != '{amz_date[:8]}', from '{amz_date}'.")
        if region != self.args.region:
            raise ServiceError(403, "SignatureDoesNotMatch",
                               f"Credential should be scoped to a valid region, not '{region}'. ")
        if service != SERVICE:
            raise ServiceError(403, "SignatureDoesNotMatch",
                               f"Credential should be scoped to correct service: '{SERVICE}'. ")
        if self.args.session_token is not None:
            if handler.headers.get("X-Amz-Security-Token") != self.args.session_token \
                    or "x-amz-security-token" not in signed:
                raise ServiceError(403, "InvalidClientTokenId",
                                   "The security token included in the request is invalid.")
        content_sha256 = handler.headers.get("X-Amz-Content-SHA256")
        if content_sha256 is not None and content_sha256 != hashlib.sha256(body).hexdigest():
            raise ServiceError(400, "XAmzContentSHA256Mismatch",
                               "The provided 'x-amz-content-sha256' header does not match what was computed.")

        request = AWSRequest(method=handler.command, url=f"http://{handler.headers.get('Host')}{handler.path}",
                             data=body)
        for name in signed:
            values = handler.headers.get_all(name)
            if values is None:
                raise ServiceError(403, "SignatureDoesNotMatch", f"Signed header '{name}' is not in the request")
            for value in values:
                request.headers[name] = value
        request.context["timestamp"] = amz_date
        credentials = Credentials(self.args.access_key, self.args.secret_key, self.args.session_token)
        signer = DeclaredHeadersSigV4(credentials, SERVICE, self.args.region)
        canonical_request = signer.canonical_request(request)
        string_to_sign = signer.string_to_sign(request, canonical_request)
        expected = signer.signature(string_to_sign, request)
        if not hmac.compare_digest(expected, parts["Signature"]):
            raise ServiceError(403, "SignatureDoesNotMatch",
                               "The request signature we calculated does not match the signature you provided. "
                               "Check your AWS Secret Access Key and signing method. Consult the service "
                               "documentation for details.\n\nThe Canonical String for this request should have been\n'"
                               f"{canonical_request}'\n\nThe String-to-Sign should have been\n'{string_to_sign}'\n")

    def validate_model(self, operation, params):
        errors = ParamValidator().validate(params, self.input_shapes[operation])
        if errors.has_errors():
            # botocore names members the way Python calls name them (MetricData[2].Values); the service names them as
            # its Query protocol does (MetricData.member.3.Values), so a message reads like the service's.
            report = re.sub(r"\[(\d+)\]", lambda m: f".member.{int(m.group(1)) + 1}", errors.generate_report())
            code = "MissingParameter" if "Missing required parameter" in report else "InvalidParameterValue"
            raise ServiceError(400, code, report)
        check_model_limits(params, self.input_shapes[operation], "")

    def check_metric_data(self, params):
        self.validate_model("PutMetricData", params)
        namespace = params["Namespace"]
        if namespace.startswith("AWS/"):
            raise invalid("The value AWS/ for parameter Namespace is invalid: namespaces starting with AWS/ are "
                          "reserved for AWS services.")
        if namespace.startswith(":") or not namespace.isascii():
            raise invalid(f"The value {namespace} for parameter Namespace is invalid.")
        data = params["MetricData"]
        if len(data) > MAX_METRIC_DATA:
            raise invalid(f"The collection MetricData must not have a size greater than {MAX_METRIC_DATA}.")
        now = (datetime.datetime.fromtimestamp(self.args.metric_now, datetime.timezone.utc)
               if self.args.metric_now is not None else datetime.datetime.now(datetime.timezone.utc))
        for index, datum in enumerate(data, start=1):
            self.check_datum(f"MetricData.member.{index}", datum, now)

    def check_datum(self, name, datum, now):
        has = [key for key in ("Value", "Values", "StatisticValues") if key in datum]
        if len(has) > 1:
            raise ServiceError(400, "InvalidParameterCombination",
                               f"The parameters {name}.{has[0]} and {name}.{has[1]} are mutually exclusive and you "
                               "have specified both.")
        if not has:
            raise ServiceError(400, "MissingParameter",
                               f"{name} must have one of Value, Values or StatisticValues.")
        values = datum.get("Values", [])
        if len(values) > MAX_VALUES:
            raise invalid(f"The value for parameter {name}.Values must not have more than {MAX_VALUES} entries; "
                          f"it has {len(values)}.")
        if "Counts" in datum:
            if "Values" not in datum:
                raise ServiceError(400, "InvalidParameterCombination",
                                   f"The parameter {name}.Counts needs {name}.Values.")
            if len(datum["Counts"]) != len(values):
                raise invalid(f"The parameters {name}.Values and {name}.Counts must be of the same size; "
                              f"they have {len(values)} and {len(datum['Counts'])} entries.")
        numbers = [(f"{name}.Value", datum["Value"])] if "Value" in datum else []
        numbers += [(f"{name}.Values.member.{i}", v) for i, v in enumerate(values, start=1)]
        numbers += [(f"{name}.Counts.member.{i}", v) for i, v in enumerate(datum.get("Counts", []), start=1)]
        numbers += [(f"{name}.StatisticValues.{k}", v) for k, v in datum.get("StatisticValues", {}).items()]
        for field, number in numbers:
            if isinstance(number, bool) or not math.isfinite(number) or abs(number) > VALUE_LIMIT:
                raise invalid(f"The value {number} for parameter {field} is invalid: numbers must be finite and "
                              "within -2^360..2^360.")
        for i, count in enumerate(datum.get("Counts", []), start=1):
            if count < 0:
                raise invalid(f"The value {count} for parameter {name}.Counts.member.{i} must not be negative.")
        if datum.get("StorageResolution", 60) not in (1, 60):
            raise invalid(f"The value {datum['StorageResolution']} for parameter {name}.StorageResolution must be "
                          "1 or 60.")
        if "Timestamp" in datum:
            stamp = to_datetime(datum["Timestamp"])
            if stamp < now - OLDEST_DATUM:
                raise invalid(f"The parameter {name}.Timestamp must specify a time no more than two weeks in the past.")
            if stamp > now + NEWEST_DATUM:
                raise invalid(f"The parameter {name}.Timestamp must specify a time no more than two hours in the "
                              "future.")

    def check_dashboard(self, params):
        self.validate_model("PutDashboard", params)
        if not DASHBOARD_NAME.match(params["DashboardName"]):
            raise ServiceError(400, "InvalidParameterInput",
                               "The value for parameter DashboardName can contain only alphanumerics, dash (-) and "
                               "underscore (_), 1 to 255 of them.")
        try:
            dashboard = json.loads(params["DashboardBody"])
        except ValueError as error:
            raise dashboard_invalid("", f"Should be a valid JSON document: {error}")
        if not isinstance(dashboard, dict) or not isinstance(dashboard.get("widgets"), list):
            raise dashboard_invalid("/widgets", "Should have a widgets array")
        for index, widget in enumerate(dashboard["widgets"]):
            if not isinstance(widget, dict) or "type" not in widget:
                raise dashboard_invalid(f"/widgets/{index}", "Should have a type")


def check_model_limits(value, shape, name):
    """The model's maxima and enums, which botocore's validator leaves to the service (it checks only minima)."""
    if shape.type_name == "structure":
        for key, member in value.items():
            check_model_limits(member, shape.members[key], f"{name}.{key}" if name else key)
    elif shape.type_name == "list":
        if "max" in shape.metadata and len(value) > shape.metadata["max"]:
            raise invalid(f"The collection {name} must not have a size greater than {shape.metadata['max']}; "
                          f"it has {len(value)}.")
        for index, item in enumerate(value, start=1):
            check_model_limits(item, shape.member, f"{name}.member.{index}")
    elif shape.type_name == "string":
        if "max" in shape.metadata and len(value) > shape.metadata["max"]:
            raise invalid(f"The value for parameter {name} must have length less than or equal to "
                          f"{shape.metadata['max']}; it has {len(value)}.")
        if shape.enum and value not in shape.enum:
            raise invalid(f"The value {value} for parameter {name} is not one of: {', '.join(shape.enum)}.")
    elif shape.type_name in ("integer", "long", "double", "float"):
        if "max" in shape.metadata and value > shape.metadata["max"]:
            raise invalid(f"The value {value} for parameter {name} must be at most {shape.metadata['max']}.")


def dashboard_invalid(path, message):
    return ServiceError(400, "InvalidParameterInput", "The dashboard body is invalid, there are 1 validation errors",
                        {"dashboardValidationMessages": [{"dataPath": path, "message": message}]})


def to_datetime(value):
    if isinstance(value, (int, float)):
        return datetime.datetime.fromtimestamp(value, datetime.timezone.utc)
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def content_encoding(handler):
    return (handler.headers.get("Content-Encoding") or "").strip().lower()


def decompress(body):
    try:
        return gzip.decompress(body)
    except (OSError, EOFError) as error:
        raise ServiceError(400, "SerializationException", f"Content-Encoding is gzip but the body is not: {error}")


def parse_json(body):
    if len(body) > MAX_BODY_BYTES:
        raise ServiceError(413, "RequestEntityTooLarge", f"Request size {len(body)} exceeded {MAX_BODY_BYTES} bytes")

    def reject_constant(name):
        raise ValueError(f"{name} is not JSON")

    try:
        params = json.loads(body.decode("utf-8"), parse_constant=reject_constant)
    except (UnicodeDecodeError, ValueError) as error:
        raise ServiceError(400, "SerializationException", f"The body is not a JSON document: {error}")
    if not isinstance(params, dict):
        raise ServiceError(400, "SerializationException", "The body is not a JSON object")
    return params


def read_body(handler):
    if (handler.headers.get("Transfer-Encoding") or "").lower() == "chunked":
        chunks = []
        while True:
            size = int(handler.rfile.readline().split(b";")[0].strip(), 16)
            if size == 0:
                while handler.rfile.readline() not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(chunks)
            chunks.append(handler.rfile.read(size))
            handler.rfile.readline()
    return handler.rfile.read(int(handler.headers.get("Content-Length") or 0))


def make_handler(endpoint):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            body = read_body(self)
            try:
                if self.path.split("?")[0] != "/":
                    raise ServiceError(404, "UnknownOperationException", f"No operation at {self.path}")
                operation, result = endpoint.handle(self, body)
                self.answer(200, result)
                log(f"200 {operation}")
            except ServiceError as error:
                answer = {"__type": MODELED_ERRORS.get(error.code, error.code), "message": error.message}
                answer.update(error.extra)
                fault = "Receiver" if error.status >= 500 else "Sender"
                self.answer(error.status, answer, {"x-amzn-query-error": f"{error.code};{fault}"})
                log(f"{error.status} {error.code}: {error.message}")
            except Exception:
                # A bug here must fail the test that met it with a readable answer, not a dropped connection.
                self.answer(500, {"__type": "InternalFailure", "message": "the local endpoint failed, see its stderr"})
                log(f"500 InternalFailure: {traceback.format_exc()}")

        def do_GET(self):
            self.answer(404, {"__type": "UnknownOperationException", "message": "POST / only"})

        def answer(self, status, document, headers=None):
            payload = json.dumps(document).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", JSON_CONTENT_TYPE)
            self.send_header("Content-Length", str(len(payload)))
            self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            # One line per request from do_POST instead: the default access log adds nothing a test reads.
            pass

    return Handler


def log(line):
    print(line, file=sys.stderr, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--access-key", required=True)
    parser.add_argument("--secret-key", required=True)
    parser.add_argument("--session-token", help="require this X-Amz-Security-Token, signed")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--record", help="append each accepted request here, one JSON line each")
    parser.add_argument("--throttle", type=int, default=0, help="answer the first N signed requests 400 Throttling")
    parser.add_argument("--fail", type=int, default=0, help="then answer the next N 500 InternalServiceFault")
    parser.add_argument("--metric-now", type=float,
                        help="epoch seconds to check datum timestamps against (two weeks back, two hours ahead) "
                             "instead of now, for runs recorded earlier")
    args = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(Endpoint(args)))
    server.daemon_threads = True
    print(f"listening {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
