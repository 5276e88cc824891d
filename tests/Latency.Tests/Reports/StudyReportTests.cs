using Latency.RunDirectory;
using Latency.Reports.Study;

namespace Latency.Tests.Reports;

public class StudyReportTests
{
    private static RunData SmallRun() => HeatmapChartTests.RunOf(new Dictionary<string, long[]>
    {
        // 20 sessions a side: enough for the median's 95% interval, too few for p95's (59).
        ["mumbai.app-cold-start/beijing/uncorrected"] = Enumerable.Range(1, 20).Select(i => 140_000 + i * 1_000L).ToArray(),
        ["mumbai.app-cold-start/mumbai/uncorrected"] = Enumerable.Range(1, 20).Select(i => 50_000 + i * 1_000L).ToArray(),
    });

    private static string Markdown(RunData run)
    {
        var summary = StudySummary.From(run);
        var report = StudyReport.Build(run, summary, RowStatistics.From(summary, run), [], null, []);
        return MarkdownRenderer.Render(report.Blocks);
    }

    [Fact]
    public void Build_FewerSessionsThanP95Needs_DetailsShowIntervalsAndMarkP95Only()
    {
        var markdown = Markdown(SmallRun());

        var details = markdown[markdown.IndexOf("## Sessions per deployment", StringComparison.Ordinal)..];
        Assert.Contains("| Scenario | Deployment | Role | Sessions | Failed | p50 (ms, 95% CI) | p95 (ms, 95% CI) | Mean (ms) |", details);
        var origin = details.Split('\n').Single(l => l.StartsWith("| mumbai.app-cold-start | beijing | origin | 20 |", StringComparison.Ordinal));
        var cells = origin.Split(" | ");
        Assert.Matches(@"^15\d \(1\d\d-1\d\d\)$", cells[5]);
        Assert.Matches(@"^1\d\d \(1\d\d-1\d\d, few samples\)$", cells[6]);
        Assert.Matches(@"^1\d\d \|$", cells[7]);
    }

    [Fact]
    public void Build_TwoDeployments_GainTableHasP50P95AndP99WithIntervals()
    {
        var markdown = Markdown(SmallRun());

        var gains = markdown[markdown.IndexOf("## Speed gain at p50, p95 and p99", StringComparison.Ordinal)..];
        Assert.Contains("| Country | Workload | In region | Gain p50 (95% CI) | Gain p95 (95% CI) | Gain p99 (95% CI) |", gains);
        var row = gains.Split('\n').Single(l => l.EndsWith(" |", StringComparison.Ordinal) && l.Contains("| App cold start | mumbai |", StringComparison.Ordinal));
        var cells = row.Split(" | ");
        // 20 sessions a side: enough for p50, too few for p95 (59) and p99 (299).
        Assert.Matches(@"^\d+\.\d\dx \(\d+\.\d\d-\d+\.\d\dx\)$", cells[3]);
        Assert.Matches(@"^\d+\.\d\dx \(\d+\.\d\d-\d+\.\d\dx, few samples\)$", cells[4]);
        Assert.Matches(@"^\d+\.\d\dx \(\d+\.\d\d-\d+\.\d\dx, few samples\) \|$", cells[5]);
    }

    [Fact]
    public void Build_StatisticsOfAnotherSummary_Throws()
    {
        var run = SmallRun();
        var summary = StudySummary.From(run);
        var other = RowStatistics.From(StudySummary.From(run), run);

        Assert.Throws<ArgumentException>(() => StudyReport.Build(run, summary, other, [], null, []));
    }

    private static string RunSection(string markdown) =>
        markdown[markdown.IndexOf("## Run", StringComparison.Ordinal)..markdown.IndexOf("## Errors", StringComparison.Ordinal)];

    private static string FirstScreen(string markdown) => markdown[..markdown.IndexOf("| Country |", StringComparison.Ordinal)];

    [Fact]
    public void Build_HarnessWithinLimits_RunSectionListsClientMachineAndEmulatorAndSaysWithinLimits()
    {
        var run = SmallRun() with { Manifest = ManifestSamples.Partial() with { Harness = StudySamples.Harness() } };

        var markdown = Markdown(run);

        var section = RunSection(markdown);
        Assert.Contains("- Client CPU: 0.41 cores of 2 on average, 1.10 at p95 and 1.52 at peak (61 samples of 1 s)\n", section);
        Assert.Contains("- Machine: 48% busy on average (every process, on all 2 processors), 71% at p95 and 88% at peak\n", section);
        Assert.Contains("- Emulator: 0.21 cores on average, 0.35 at peak; released 123,456 packets 12 us after their due time at the median, " +
                        "85 us at p99 and 1.21 ms at most (this run's packets)\n", section);
        Assert.Contains("Harness load within the limits: nothing suggests the harness was the bottleneck. Rule: the harness may have been the bottleneck when the client process or the whole " +
                        "machine was busier than 85% of all processors", section);
        Assert.Contains("(a stated rule, not a measured limit).", section);
        Assert.DoesNotContain("may have been the bottleneck.", FirstScreen(markdown));
    }

    [Fact]
    public void Build_ClientSaturatedAndEmulatorLate_FirstScreenAndRunSectionSaySoWithTheReasons()
    {
        var harness = StudySamples.Harness() with
        {
            CpuCoresP95 = 1.9,
            Emulator = StudySamples.Harness().Emulator! with { LatenessP99Us = 2_500, LatenessScope = HarnessEmulator.WorldScope },
        };
        var run = SmallRun() with { Manifest = ManifestSamples.Partial() with { Harness = harness } };

        var markdown = Markdown(run);

        Assert.Contains("> **The harness may have been the bottleneck.** The client used 1.90 of 2 cores at p95 (above 85%); " +
                        "the emulator released packets 2.5 ms late at p99 (above 1 ms): the times may measure this machine", FirstScreen(markdown));
        var section = RunSection(markdown);
        Assert.Contains("The harness may have been the bottleneck: the client used 1.90 of 2 cores at p95 (above 85%); the emulator released " +
                        "packets 2.5 ms late at p99 (above 1 ms). Rule: ", section);
        Assert.Contains("(every packet since the world came up, calibration included", section);
    }

    [Fact]
    public void Build_DistributedRun_RunSectionNamesEachAgentItsHostClockAndEnd()
    {
        var distributed = new DistributedInfo
        {
            RunId = "20261203T020000Z-3f9a1c",
            Coordinator = "ops-1",
            StartUtc = ManifestSamples.Partial().StartedUtc,
            ClockUncertaintyBoundMs = 10,
            Agents =
            [
                new AgentRunInfo { Probe = "mumbai", Name = "in-1", Host = "bom-7", Version = "1.0.0", ClockOffsetMs = -3.25, ClockUncertaintyMs = 12.5, Status = RunStatus.Complete },
                new AgentRunInfo
                {
                    Probe = "jakarta", Name = "id-2", Host = "jkt-3", Version = "1.0.0", ShareIndex = 1, ShareCount = 2, ClockOffsetMs = 0.5,
                    ClockUncertaintyMs = 0.25, Status = RunStatus.Partial, StatusReason = "lost: no heartbeat for 5 s from 02:01:10 UTC",
                },
            ],
            Notes = ["agent in-1 (mumbai): clock offset uncertain by 12.5 ms, beyond the bound of 10 ms"],
        };
        var run = SmallRun() with { Manifest = ManifestSamples.Partial() with { Distributed = distributed } };

        var section = RunSection(Markdown(run));

        Assert.Contains("- Distributed run 20261203T020000Z-3f9a1c, coordinated from ops-1; the harness load above is the busiest agent's\n", section);
        Assert.Contains("- Agent in-1 (mumbai) on bom-7, 1.0.0: clock offset -3.25 ms (+/- 12.5 ms); complete\n", section);
        Assert.Contains("- Agent id-2 (jakarta, arrivals 2 of every 2) on jkt-3, 1.0.0: clock offset 0.5 ms (+/- 0.25 ms); partial (lost: no heartbeat for 5 s from 02:01:10 UTC)\n", section);
        Assert.Contains("- Note: agent in-1 (mumbai): clock offset uncertain by 12.5 ms, beyond the bound of 10 ms\n", section);
    }

    [Fact]
    public void Concerns_MachineBusyFromOtherWork_MayBeBottleneck()
    {
        var harness = StudySamples.Harness() with { MachineBusyP95 = 0.97 };

        var concerns = HarnessLoad.Concerns(harness);

        Assert.Equal(["the machine was 97% busy at p95 (every process counts)"], concerns);
    }

    [Fact]
    public void Build_RunJsonWithoutHarness_RunSectionSaysNotRecordedAndStillReports()
    {
        var run = SmallRun() with { Manifest = ManifestSamples.Partial() };

        var markdown = Markdown(run);

        var section = RunSection(markdown);
        Assert.Contains("- Harness load: not recorded (a run from a version before client CPU and emulator lateness were recorded)\n", section);
        Assert.DoesNotContain("Client CPU", markdown);
        Assert.DoesNotContain("bottleneck", markdown);
        Assert.Contains("| App cold start |", markdown);
    }

    [Fact]
    public void Build_RelayWorld_EmulatorCpuWithoutReleaseStatistics()
    {
        var harness = StudySamples.Harness() with { Emulator = new HarnessEmulator { CpuCoresMean = 0.3, CpuCoresMax = 0.5 } };
        var run = SmallRun() with { Manifest = ManifestSamples.Partial() with { Harness = harness } };

        var section = RunSection(Markdown(run));

        Assert.Contains("- Emulator: 0.30 cores on average, 0.50 at peak; no release statistics (a relay, or a world started by an older version)\n", section);
    }

    [Fact]
    public void Build_RadioRecorded_RunSectionSaysItAndTheShortfall()
    {
        var study = StudySamples.Study() with { Radio = "on", HandsetSessions = 1200, HandsetShortfalls = 3 };
        var run = SmallRun() with { Manifest = ManifestSamples.Partial() with { Study = study } };

        var section = RunSection(Markdown(run));

        Assert.Contains(", radio on (3 of 1,200 sessions found no handset idle as long as their workload's idle\\_before asked)\n", section);
        Assert.Contains(", radio off\n", RunSection(Markdown(run with { Manifest = run.Manifest! with { Study = study with { Radio = "off", HandsetSessions = null } } })));
    }

    /// <summary>Issue 10, point 8: the report says whether the study's precision target was met, and names who missed it.</summary>
    [Fact]
    public void Build_PrecisionTarget_SaysWhichComparisonsMetIt()
    {
        var run = HeatmapChartTests.RunOf(new Dictionary<string, long[]>
        {
            // Tight (400 sessions a side, spread 1%): the interval is far within ±15%.
            ["mumbai.app-cold-start/beijing/uncorrected"] = Enumerable.Range(0, 400).Select(i => 200_000 + i * 5L).ToArray(),
            ["mumbai.app-cold-start/mumbai/uncorrected"] = Enumerable.Range(0, 400).Select(i => 100_000 + i * 2L).ToArray(),
            // Loose (8 sessions a side, spread 4x): far wider.
            ["jakarta.app-cold-start/beijing/uncorrected"] = Enumerable.Range(0, 8).Select(i => 100_000 + i * 50_000L).ToArray(),
            ["jakarta.app-cold-start/jakarta/uncorrected"] = Enumerable.Range(0, 8).Select(i => 50_000 + i * 30_000L).ToArray(),
            // Not targeted: no line about it.
            ["jakarta.app-store-download/beijing/uncorrected"] = Enumerable.Range(0, 8).Select(i => 100_000 + i * 50_000L).ToArray(),
            ["jakarta.app-store-download/jakarta/uncorrected"] = Enumerable.Range(0, 8).Select(i => 50_000 + i * 30_000L).ToArray(),
        });
        run = run with
        {
            Manifest = ManifestSamples.Partial() with
            {
                Study = new StudyInfo { Precision = 0.15, PrecisionWorkloads = ["app-cold-start"] },
            },
        };

        var markdown = Markdown(run);

        Assert.Matches(@"Precision target: a p50-gain interval within ±15% of the gain for App cold start \(sampled faster until they got there, " +
                       @"within the study's duration\)\. Met by 1 of 2 comparisons; not met by jakarta, App cold start \(±\d+%\)\.", markdown);
        Assert.DoesNotContain("App store download (±", markdown);
        Assert.True(markdown.IndexOf("Precision target", StringComparison.Ordinal) < markdown.IndexOf("## Charts", StringComparison.Ordinal));
        Assert.DoesNotContain("Precision target", Markdown(HeatmapChartTests.RunOf(new Dictionary<string, long[]>
        {
            ["mumbai.app-cold-start/beijing/uncorrected"] = [200_000, 210_000],
            ["mumbai.app-cold-start/mumbai/uncorrected"] = [100_000, 110_000],
        })));
    }
}
