using System.Diagnostics;
using System.Globalization;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// Python's <c>http.server</c> on loopback as many small services run it: HTTP/1.1 keep-alive, one thread per
/// connection, Nagle left on, and the headers and the body sent in two writes (<c>end_headers</c> flushes the
/// headers, <c>wfile.write</c> sends the body). The second small write waits for the client's ACK of the first
/// whenever the client delays its ACKs, which is what makes this server a test of how a client uses connections.
/// </summary>
public sealed class TwoWriteHttpServer : IAsyncDisposable
{
    // The port is printed once the socket listens, so the test never races the bind.
    private const string Script = """
        import sys
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                body = b"ok\n"
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """;

    private readonly Process _process;

    private TwoWriteHttpServer(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static string? Missing() =>
        ExternalTool.FindOnPath("python3") is null ? "python3 is not installed (Debian package python3)" : null;

    public static async Task<TwoWriteHttpServer> StartAsync()
    {
        if (Missing() is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var info = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start python3");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (line is null || !int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                throw new InvalidOperationException($"python3 http.server did not start: {line} {await process.StandardError.ReadToEndAsync()}");
            }

            return new TwoWriteHttpServer(process, new Uri($"http://127.0.0.1:{port}/"));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
