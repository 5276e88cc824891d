using System.Globalization;
using Latency.RunDirectory;
using Latency.World.Runtime;

namespace Latency.Bench.Cli;

/// <summary>The human form of a world's state: probes, deployments with URLs, every path's configured model.</summary>
public static class WorldPrinter
{
    public static void Print(TextWriter output, WorldState state)
    {
        output.WriteLine($"World {state.WorldName} (profile {state.Profile}, backend {state.Backend.Name()}, prefix {state.Prefix}, processes {string.Join(" ", state.ProcessIds)})");
        output.WriteLine($"From: {WorldMismatch.Source(state.WorldFile)} (sha256 {(state.WorldContentSha256 is { } sha ? WorldMismatch.Short(sha) : "not recorded")})");
        output.WriteLine($"CA certificate: {state.CaCertificateFile}");
        output.WriteLine("Probes:");
        foreach (var p in state.Probes)
        {
            var handsets = p.Handsets is { } h ? $"  handsets {h.FirstAddress} +{h.Count}, radio {(h.Radio ? "on" : "off")}" : string.Empty;
            output.WriteLine($"  {p.Name,-18} {p.Country,-3} {p.City,-20} {p.Namespace ?? "-",-26} {p.Address ?? "-"}{handsets}");
        }

        output.WriteLine("Deployments:");
        foreach (var d in state.Deployments)
        {
            output.WriteLine($"  {d.Name,-18} {d.Role,-9} {d.Site,-30} {d.Namespace ?? "-",-26} {d.Url}");
        }

        output.WriteLine("Paths (configured):");
        output.WriteLine($"  {"probe",-18} {"deployment",-12} {"rtt ms",8} {"jitter",8} {"loss up%",9} {"loss dn%",9} {"up Mbps",8} {"dn Mbps",8}");
        foreach (var p in state.Paths)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Probe,-18} {p.Deployment,-12} {p.RttMs,8:0.0} {p.JitterMs,8:0.0} {p.LossUpPct,9:0.0} {p.LossDownPct,9:0.0} {F(p.UpMbps),8} {F(p.DownMbps),8}"));
        }
    }

    private static string F(double? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "-";
}
