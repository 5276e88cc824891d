using System.Globalization;
using Latency.RunDirectory;

namespace Latency.Bench.Cli;

/// <summary>The calibration table: configured next to measured, per path.</summary>
public static class CalibrationPrinter
{
    public static void Print(TextWriter output, CalibrationTable report)
    {
        output.WriteLine();
        output.WriteLine($"Calibration of world {report.World} (profile {report.Profile}, backend {report.Backend?.Name()})");
        if (report.Emulator is { } e)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Emulator: {e.Forwarded} packets forwarded, {e.Lost} lost by the path models; release lateness p50 {e.LatenessP50Us:0.0} us, p99 {e.LatenessP99Us:0.0} us, max {e.LatenessMaxUs:0.0} us; real-time thread: {e.RealTimeScheduling}"));
            if (e.Compensation is { Up: { } cUp, Down: { } cDown } c)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Emulator's own forwarding time, measured at world start on {c.Probe}/{c.Deployment} and taken off every packet's delay: up {cUp.MedianMs:0.000} ms, down {cDown.MedianMs:0.000} ms"));
            }
        }

        if (report.ResidualOverhead is { Up: { } up, Down: { } down })
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Left after compensation, measured now: up {up.MedianMs:0.000} ms (p90 {up.P90Ms:0.000}), down {down.MedianMs:0.000} ms (p90 {down.P90Ms:0.000})"));
        }

        output.WriteLine($"  {"probe",-18}{"deployment",-12}{"rtt cfg",9}{"conn p50",9}{"conn p99",9}{"req p50",9}{"dn cfg",8}{"dn meas",8}{"up cfg",8}{"up meas",8}{"loss up",13}{"loss dn",13}");
        foreach (var p in report.Paths)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {p.Probe,-18}{p.Deployment,-12}{p.ConfiguredRttMs,9:0.0}{N(p.ConnectP50Ms),9}{N(p.ConnectP99Ms),9}{N(p.RequestP50Ms),9}{N(p.ConfiguredDownMbps),8}{N(p.MeasuredDownMbps),8}{N(p.ConfiguredUpMbps),8}{N(p.MeasuredUpMbps),8}{Loss(p.ConfiguredLossUpPct, p.MeasuredLossUpPct),13}{Loss(p.ConfiguredLossDownPct, p.MeasuredLossDownPct),13}"));
        }

        if (report.Radio.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Handset radio (connects from idle handsets against the same handsets right after):");
            output.WriteLine($"  {"probe",-18}{"deployment",-12}{"promo cfg",10}{"measured",10}{"idle p50",10}{"active p50",11}{"n",4}{"tail cfg",10}  tail check");
            foreach (var r in report.Radio)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {r.Probe,-18}{r.Deployment,-12}{N(r.ConfiguredPromotionMs),10}{N(r.MeasuredPromotionMs),10}{N(r.IdleConnectP50Ms),10}{N(r.ActiveConnectP50Ms),11}{r.Samples,4}{N(r.ConfiguredTailMs),10}  {TailCheck(r)}"));
            }
        }

        foreach (var note in report.Paths.SelectMany(p => p.Notes).Distinct())
        {
            output.WriteLine($"  note: {note}");
        }
    }

    private static string TailCheck(CalibrationRadio radio) => (radio.PromotedBeforeTail, radio.PromotedAfterTail) switch
    {
        (false, true) => "as configured (connected at 0.9 x tail, idle at 1.1 x)",
        (null, null) => "-",
        var (before, after) => $"NOT as configured: promoted at 0.9 x tail: {Flag(before)}, at 1.1 x: {Flag(after)}",
    };

    private static string Flag(bool? value) => value is { } v ? (v ? "yes" : "no") : "-";

    private static string N(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Loss(double configured, double? measured) =>
        string.Create(CultureInfo.InvariantCulture, $"{configured:0.0}/{(measured is { } m ? m.ToString("0.0", CultureInfo.InvariantCulture) : "-")}");
}
