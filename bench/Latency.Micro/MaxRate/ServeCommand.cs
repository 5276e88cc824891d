using System.Globalization;
using System.Net;
using Latency.World.Backend;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Latency.Micro.MaxRate;

/// <summary>
/// <c>serve --port P [--exit-on-stdin-close] [--h2c]</c>: runs the product's <see cref="HandsetBackend"/> on 127.0.0.1 as its
/// own process so that a client measured against it does not share a process (thread pool, GC) with the server.
/// Prints one line, <c>listening URL</c> (its <c>GET /health</c>, which answers "ok"), once it accepts connections; stops on Ctrl+C, SIGTERM, or (with the flag) when standard
/// input closes, so a parent that dies never leaves it behind.
/// </summary>
public static class ServeCommand
{
    public const string ReadyPrefix = "listening ";

    /// <summary>The smallest useful target: <c>GET /health</c> answers 200 "ok" (the backend logs nothing).</summary>
    public static Uri HealthUrl(HandsetBackend server) => new(server.BaseUrl, "health");

    public static async Task<int> RunAsync(string[] args)
    {
        var port = 0;
        var exitOnStdinClose = false;
        var h2c = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535:
                    i++;
                    break;
                case "--exit-on-stdin-close":
                    exitOnStdinClose = true;
                    break;
                case "--h2c":
                    // HTTP/2 with prior knowledge on plain TCP: the only way to serve HTTP/2 without a certificate.
                    h2c = true;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"serve: unexpected argument '{args[i]}' (usage: serve --port P [--exit-on-stdin-close] [--h2c])");
                    return 2;
            }
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                stop.Cancel();
            });

        var options = new HandsetBackendOptions { Address = IPAddress.Loopback, Port = port };
        await using var server = await HandsetBackend.StartAsync(h2c ? options.WithProtocols(HttpProtocols.Http2) : options, stop.Token);
        Console.WriteLine(ReadyPrefix + HealthUrl(server));
        Console.Out.Flush();
        if (exitOnStdinClose)
        {
            _ = Task.Run(async () =>
            {
                await Console.In.ReadToEndAsync(stop.Token);
                await stop.CancelAsync();
            });
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Stopped on request.
        }

        return 0;
    }
}
