using System.Net.Sockets;
using System.Security.Authentication;

namespace Latency.Bench.Load;

/// <summary>Maps failures to short, stable kinds that reports count: <c>timeout</c>, <c>connection_refused</c>, <c>http_503</c>...</summary>
public static class ErrorKinds
{
    public const string Timeout = "timeout";
    public const string Interrupted = "interrupted";

    public static string FromStatus(int statusCode) => $"http_{statusCode}";

    public static string FromException(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case TimeoutException:
                    return Timeout;
                case SocketException socket:
                    return socket.SocketErrorCode switch
                    {
                        SocketError.ConnectionRefused => "connection_refused",
                        SocketError.ConnectionReset => "connection_reset",
                        SocketError.TimedOut => "connect_timeout",
                        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "dns_failure",
                        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "unreachable",
                        _ => "socket_" + socket.SocketErrorCode.ToString().ToLowerInvariant(),
                    };
                case AuthenticationException:
                    return "tls_error";
                case System.IO.IOException when e.InnerException is null:
                    return "io_error";
            }
        }

        return exception switch
        {
            TaskCanceledException or OperationCanceledException => Timeout,
            HttpRequestException => "http_request_error",
            _ => "exception_" + exception.GetType().Name,
        };
    }
}
