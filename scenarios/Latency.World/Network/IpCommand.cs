using System.Diagnostics;

namespace Latency.World.Network;

/// <summary>Runs iproute2's <c>ip</c>, the standard tool for namespaces, links, addresses and routes.</summary>
internal static class IpCommand
{
    public static async Task<string> RunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        var (code, output, error) = await TryRunAsync(cancellationToken, arguments).ConfigureAwait(false);
        if (code != 0)
        {
            throw new IOException($"'ip {string.Join(' ', arguments)}' failed ({code}): {error.Trim()}");
        }

        return output;
    }

    public static async Task<(int Code, string Output, string Error)> TryRunAsync(CancellationToken cancellationToken, params string[] arguments)
    {
        // By absolute path: as root, an "ip" found through PATH could be anyone's program.
        var info = new ProcessStartInfo(Native.SystemTools.Resolve("ip", "iproute2"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new IOException("cannot start 'ip' (package iproute2)");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return (process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }
}
