using Latency.Bench.Harness;
using Microsoft.Extensions.Time.Testing;

namespace Latency.Tests.Harness;

public class HarnessSamplerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Stop_FourSecondsOneBusy_MeanOverTheRunPeakAndP95OfTheSeconds()
    {
        var time = new FakeTimeProvider();
        var cpu = new FakeCpuSource();
        using var sampler = HarnessSampler.Start(cpu, time, Second, emulatorProcessId: null);
        foreach (var (cores, busy) in new[] { (0.5, 0.25), (0.5, 0.25), (0.5, 0.25), (1.8, 0.95) })
        {
            cpu.Use(1, cores, busy);
            time.Advance(Second);
        }

        var harness = sampler.Stop();

        Assert.Equal(2, harness.ProcessorCount);
        Assert.Equal(1.0, harness.SampleSeconds);
        Assert.Equal(4, harness.Samples);
        Assert.Equal((0.5 * 3 + 1.8) / 4, harness.CpuCoresMean, 9);
        // Nearest rank over 4 seconds: the 95th percentile is the busiest one.
        Assert.Equal(1.8, harness.CpuCoresP95, 9);
        Assert.Equal(1.8, harness.CpuCoresMax, 9);
        Assert.Equal((0.25 * 3 + 0.95) / 4, harness.MachineBusyMean!.Value, 9);
        Assert.Equal(0.95, harness.MachineBusyMax!.Value, 9);
        Assert.Null(harness.Emulator);
    }

    [Fact]
    public void Stop_TwentySecondsOneBusy_P95IgnoresTheOneBurst()
    {
        var time = new FakeTimeProvider();
        var cpu = new FakeCpuSource();
        using var sampler = HarnessSampler.Start(cpu, time, Second, null);
        for (var i = 0; i < 20; i++)
        {
            cpu.Use(1, i == 0 ? 2.0 : 0.4, 0.3);
            time.Advance(Second);
        }

        var harness = sampler.Stop();

        Assert.Equal(20, harness.Samples);
        Assert.Equal(0.4, harness.CpuCoresP95, 9);
        Assert.Equal(2.0, harness.CpuCoresMax, 9);
    }

    [Fact]
    public void Stop_ShortlyAfterASample_LastFewMillisecondsJoinThePreviousInterval()
    {
        var time = new FakeTimeProvider();
        var cpu = new FakeCpuSource();
        using var sampler = HarnessSampler.Start(cpu, time, Second, null);
        cpu.Use(1, 1.0, 0.5);
        time.Advance(Second);
        cpu.Use(1, 1.0, 0.5);
        time.Advance(Second);
        // 10 ms at 2 cores (one 10 ms scheduler tick of CPU time): alone, an interval of 2 cores.
        cpu.Use(0.01, 2.0, 1.0);
        time.Advance(TimeSpan.FromMilliseconds(10));

        var harness = sampler.Stop();

        Assert.Equal(2, harness.Samples);
        Assert.Equal(1.02 / 1.01, harness.CpuCoresMax, 9);
        Assert.Equal(2.02 / 2.01, harness.CpuCoresMean, 9);
    }

    [Fact]
    public void Stop_WithEmulatorProcess_ItsCoresToo_AndNullWhenItCannotBeRead()
    {
        var time = new FakeTimeProvider();
        var cpu = new FakeCpuSource();
        cpu.Others[4242] = TimeSpan.FromSeconds(30);
        using var sampler = HarnessSampler.Start(cpu, time, Second, emulatorProcessId: 4242);
        using var gone = HarnessSampler.Start(cpu, time, Second, emulatorProcessId: 99);
        cpu.Others[4242] += TimeSpan.FromSeconds(0.2);
        time.Advance(Second);
        cpu.Others[4242] += TimeSpan.FromSeconds(0.6);
        time.Advance(Second);

        var harness = sampler.Stop();

        Assert.Equal(0.4, harness.Emulator!.CpuCoresMean!.Value, 9);
        Assert.Equal(0.6, harness.Emulator.CpuCoresMax!.Value, 9);
        Assert.Null(harness.Emulator.LatenessP99Us);
        Assert.Null(gone.Stop().Emulator!.CpuCoresMean);
    }

    [Fact]
    public void Stop_NoMachineCounters_MachineFiguresNull()
    {
        var time = new FakeTimeProvider();
        var cpu = new FakeCpuSource { Machine = null };
        using var sampler = HarnessSampler.Start(cpu, time, Second, null);
        cpu.Process += TimeSpan.FromSeconds(0.3);
        time.Advance(Second);

        var harness = sampler.Stop();

        Assert.Equal(0.3, harness.CpuCoresMean, 9);
        Assert.Null(harness.MachineBusyMean);
        Assert.Null(harness.MachineBusyP95);
        Assert.Null(harness.MachineBusyMax);
    }

    [Fact]
    public void Stop_Twice_SameFiguresAndNoMoreSamples()
    {
        var time = new FakeTimeProvider();
        var cpu = new FakeCpuSource();
        using var sampler = HarnessSampler.Start(cpu, time, Second, null);
        cpu.Use(1, 1.0, 0.5);
        time.Advance(Second);
        var first = sampler.Stop();
        cpu.Use(5, 2.0, 1.0);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Same(first, sampler.Stop());
        Assert.Equal(1, first.Samples);
    }

    [Fact]
    public void Parse_ProcStatFirstLine_BusyIsAllButIdleAndIoWait()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice: guest is inside user already.
        var times = SystemCpuSource.Parse("cpu  100 5 50 800 20 3 2 10 40 0");

        Assert.Equal(new MachineCpuTimes(170, 990), times);
        Assert.Null(SystemCpuSource.Parse("cpu0 1 2 3 4 5"));
        Assert.Null(SystemCpuSource.Parse("cpu  1 x 3 4 5"));
        Assert.Null(SystemCpuSource.Parse(null));
    }

    [Fact]
    public void SystemCpuSource_ThisProcessAndMachine_Plausible()
    {
        var source = SystemCpuSource.Instance;

        Assert.True(source.ProcessCpu() > TimeSpan.Zero);
        Assert.NotNull(source.ProcessCpu(Environment.ProcessId));
        Assert.Null(source.ProcessCpu(int.MaxValue));
        if (OperatingSystem.IsLinux())
        {
            var machine = source.MachineCpu();
            Assert.NotNull(machine);
            Assert.InRange(machine.Value.Busy, 1, machine.Value.Total);
        }
    }
}
