using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using HdrHistogram;
using Latency.Scenarios.Worlds;
using Latency.World.Emulation;
using Latency.Timing;
using Latency.World.Network;
using Latency.World.Runtime;

namespace Latency.Micro.Capacity;

/// <summary>
/// <c>emulator-capacity</c> (issue 3): the packets per second the WAN emulator forwards on this machine while its
/// added delay error stays under 0.2 ms at p99. A 2-node world (probe, deployment) with a fixed one-way delay D and
/// nothing else; UDP datagrams from the probe's namespace to a receiver in the deployment's, at a rising rate, each
/// carrying its send time. One-way delay minus D is the error the emulator adds (with the two kernel stacks and the
/// receiver's wake-up, which a real client pays too). Prints a Markdown section for bench/results/.
/// Exit codes: 0 done, 2 bad arguments or not root, 3 the emulator failed.
/// </summary>
public static class EmulatorCapacityCommand
{
    public const double ErrorLimitMicros = 200;
    private const int Port = 9_000;
    private const double DrainSeconds = 0.2;
    private const double WarmUpSeconds = 1;

    /// <summary>
    /// SCHED_FIFO priority of the sender and receiver threads: below the emulator's 10, so the emulator preempts
    /// them, but above every ordinary process, so other work on the machine (builds, tests) does not delay a
    /// timestamp by a time slice and pass that off as the emulator's error.
    /// </summary>
    private const int MeasurementPriority = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var (parsed, errors) = EmulatorCapacityOptions.Parse(args);
        if (parsed is not { } options)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync($"emulator-capacity: {error}");
            }

            await Console.Error.WriteLineAsync(EmulatorCapacityOptions.Usage);
            return 2;
        }

        if (!NamespaceTopology.HasNetAdmin)
        {
            await Console.Error.WriteLineAsync("emulator-capacity: needs root: it creates network namespaces and TUN devices for the emulated world (run it with sudo).");
            return 2;
        }

        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
        {
            c.Cancel = true;
            stop.Cancel();
        });

        // The emulator runs in this process: keep the GC from blocking its thread as far as it can.
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        var prefix = "lc" + RandomNumberGenerator.GetHexString(4, lowercase: true);
        var delay = TimeSpan.FromMilliseconds(options.DelayMs);
        var probe = WorldPlan.ProbeNode("probe");
        var deployment = WorldPlan.DeploymentNode("target");
        EmulatedNetwork? network = null;
        var measurementRealTime = false;
        var loadBefore = LoadAverage();
        try
        {
            await Console.Error.WriteLineAsync($"emulator-capacity: world {prefix}: {probe} -> {deployment}, {options.DelayMs} ms each way");
            // --radio: the built-in world's Mumbai LTE radio on the probe (cited figures, not the benchmark's own).
            var radios = options.Radio
                ? new Dictionary<string, Latency.World.Radio.RadioParameters>
                {
                    ["probe"] = Latency.World.Radio.RadioModelMapping.ToParameters(
                        Latency.Bench.Application.WorldFiles.Load(null).Probes.Single(p => p.Name == "mumbai").Radio!),
                }
                : null;
            network = await EmulatedNetwork.StartAsync(prefix, [probe, deployment],
                [new PathSpec("probe", "target", LinkModel.Delay(delay), LinkModel.Delay(delay))], 1, radios, stop.Token, wakeUp: options.WakeUp);
            var run = new Run(network, network.Node(probe), network.Node(deployment), options, stop.Token);
            var results = await run.ExecuteAsync();
            measurementRealTime = run.RealTime;
            if (network.Failure is { } failure)
            {
                await Console.Error.WriteLineAsync($"emulator-capacity: the emulator stopped: {failure}");
                return 3;
            }

            Console.WriteLine(Format(options, network, results, measurementRealTime, loadBefore, stop.IsCancellationRequested));
            return 0;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("emulator-capacity: interrupted; removing the world");
            return 130;
        }
        finally
        {
            if (network is not null)
            {
                await network.DisposeAsync();
            }

            // Anything a cancelled set-up left behind (the names are this run's alone).
            foreach (var leftover in await NamespaceTopology.RemoveLeftoversAsync(prefix, CancellationToken.None))
            {
                await Console.Error.WriteLineAsync($"emulator-capacity: removed leftover {leftover}");
            }
        }
    }

    /// <summary>One rate step at one size, filled in by the driver (send side) and the receiver.</summary>
    internal sealed class Step(int size, int rate)
    {
        public int Size { get; } = size;

        public int TargetRate { get; } = rate;

        public bool Ran { get; set; }

        public long Sent { get; set; }

        public long SendFailed { get; set; }

        public double SendSeconds { get; set; }

        public double CpuCores { get; set; }

        /// <summary>CPU time of the emulator's forwarding thread during the step (send time plus drain), or null when unknown.</summary>
        public TimeSpan? EmulatorCpu { get; set; }

        /// <summary>The forwarding thread's CPU microseconds per datagram received (its reads, writes and spinning).</summary>
        public double EmulatorMicrosPerPacket => EmulatorCpu is { } cpu && Received > 0 ? cpu.TotalMicroseconds / Received : double.NaN;

        /// <summary>The forwarding thread's cores during the send time (its CPU over the send seconds).</summary>
        public double EmulatorCores => EmulatorCpu is { } cpu && SendSeconds > 0 ? cpu.TotalSeconds / SendSeconds : double.NaN;

        public HistogramBase? Lateness { get; set; }

        /// <summary>Written by the receiver thread only.</summary>
        public long ReceivedField;

        /// <summary>Arrivals sooner than D after their send time (should stay 0: the emulator would be early).</summary>
        public long EarlyField;

        /// <summary>Added error, nanoseconds; written by the receiver thread, read after the step has drained.</summary>
        public LongHistogram Error { get; } = new(1, 10_000_000_000, 3);

        public long Received => Interlocked.Read(ref ReceivedField);

        public double SentRate => SendSeconds > 0 ? Sent / SendSeconds : 0;

        public double ReceivedRate => SendSeconds > 0 ? Received / SendSeconds : 0;

        public long Lost => Math.Max(0, Sent - Received);

        public double ErrorMicros(double percentile) => Error.TotalCount == 0 ? double.NaN : Error.GetValueAtPercentile(percentile) / 1000.0;

        public double LatenessP99Micros => Lateness is { TotalCount: > 0 } l ? l.GetValueAtPercentile(99) / 1000.0 : double.NaN;

        /// <summary>The rate was reached (within 5%), nothing was lost and p99 of the added error is under the limit.</summary>
        public bool Passed => Ran && !Overloaded && Error.TotalCount > 0 && ErrorMicros(99) < ErrorLimitMicros;

        /// <summary>Packets were lost or the offered rate was not reached: the machine could not carry the rate at all.</summary>
        public bool Overloaded => Ran && (SendFailed > 0 || Lost > 0 || SentRate < TargetRate * 0.95);
    }

    private sealed class Run(EmulatedNetwork network, WorldNode probe, WorldNode deployment, EmulatorCapacityOptions options, CancellationToken stop)
    {
        private readonly long _delayTicks = (long)(options.DelayMs / 1000.0 * Stopwatch.Frequency);
        private readonly List<Step> _steps = [];
        private volatile bool _stopping;

        /// <summary>Whether the sender thread got SCHED_FIFO (the receiver asks the same way).</summary>
        public bool RealTime { get; private set; }

        public Task<IReadOnlyList<Step>> ExecuteAsync()
        {
            // Step 0 is the warm-up (JIT of sender and receiver, first packets through the emulator); never reported.
            _steps.Add(new Step(options.Sizes[0], options.Rates[0]));
            foreach (var size in options.Sizes)
            {
                _steps.AddRange(options.Rates.Select(rate => new Step(size, rate)));
            }

            var done = new TaskCompletionSource<IReadOnlyList<Step>>(TaskCreationOptions.RunContinuationsAsynchronously);
            var driver = new Thread(() =>
            {
                try
                {
                    done.SetResult(Drive());
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
            }) { IsBackground = true, Name = "capacity-sender" };
            driver.Start();
            return done.Task;
        }

        private IReadOnlyList<Step> Drive()
        {
            RealTime = RealTimeThread.TryEnter(MeasurementPriority);
            using var receiver = NamespaceSockets.Create(deployment.Namespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            // SO_RCVBUFFORCE (root): 32 MB, past net.core.rmem_max, so a slow receiver shows up as delay, not as loss.
            receiver.SetRawSocketOption(1, 33, BitConverter.GetBytes(32 << 20));
            receiver.ReceiveTimeout = 200;
            receiver.Bind(new IPEndPoint(deployment.Address, Port));
            using var sender = NamespaceSockets.Create(probe.Namespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sender.SetRawSocketOption(1, 32, BitConverter.GetBytes(8 << 20)); // SO_SNDBUFFORCE
            if (options.Radio)
            {
                // Handset 0 of node 0 (the probe): the emulator looks its radio up for every datagram. At these rates
                // the radio never sleeps: the warm-up pays the one promotion, the steps the per-packet cost alone.
                sender.Bind(new IPEndPoint(HandsetAddressPlan.HandsetAddress(0, 0), 0));
            }

            sender.Connect(new IPEndPoint(deployment.Address, Port));

            var receiving = new Thread(() =>
            {
                RealTimeThread.TryEnter(MeasurementPriority);
                Receive(receiver);
            }) { IsBackground = true, Name = "capacity-receiver" };
            receiving.Start();
            try
            {
                for (var i = 0; i < _steps.Count && !stop.IsCancellationRequested; i++)
                {
                    var step = _steps[i];
                    // Two overloaded steps in a row at one size (loss, or the rate not reached): higher rates would only
                    // overload further; skip them. A step that only misses the error limit does not stop the ladder, so
                    // the cost and the error are shown as a curve over the rates.
                    if (i > 0 && SkipsRest(i))
                    {
                        continue;
                    }

                    var seconds = i == 0 ? WarmUpSeconds : options.Seconds;
                    Console.Error.Write(i == 0
                        ? $"emulator-capacity: warm-up {step.TargetRate:N0}/s for {seconds} s ... "
                        : $"emulator-capacity: {step.Size} B at {step.TargetRate:N0}/s for {seconds} s ... ");
                    SendStep(sender, i, step, seconds);
                    Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"sent {step.SentRate:N0}/s, lost {step.Lost:N0}, p99 {step.ErrorMicros(99):0} us, lateness p99 {step.LatenessP99Micros:0} us, {step.CpuCores:0.00} cores, emulator {step.EmulatorMicrosPerPacket:0.0} us/packet {(step.Passed ? "pass" : "FAIL")}"));
                    if (network.Failure is not null)
                    {
                        break;
                    }
                }
            }
            finally
            {
                _stopping = true;
                receiving.Join();
            }

            stop.ThrowIfCancellationRequested();
            return _steps.Skip(1).ToList();
        }

        private bool SkipsRest(int index)
        {
            var overloadedInARow = 0;
            foreach (var earlier in _steps.Skip(1).Take(index - 1).Where(s => s.Size == _steps[index].Size))
            {
                overloadedInARow = earlier.Overloaded ? overloadedInARow + 1 : 0;
                if (overloadedInARow >= 2)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Paced by the clock: every ~1 ms, send what the rate owes since the step began (a small burst, rate / 1000
        /// datagrams), so the average rate is exact whatever the sleep granularity; each datagram is stamped just before
        /// its send. Then waits D plus a drain margin for the last ones to arrive.
        /// </summary>
        private void SendStep(Socket sender, int index, Step step, double seconds)
        {
            var payload = new byte[step.Size];
            BinaryPrimitives.WriteInt32LittleEndian(payload, index);
            _ = network.TakeLateness();
            var cpuStart = Environment.CpuUsage.TotalTime;
            var emulatorCpuStart = network.EmulatorCpuTime;
            var start = Stopwatch.GetTimestamp();
            var end = start + (long)(seconds * Stopwatch.Frequency);
            var perTick = step.TargetRate / (double)Stopwatch.Frequency;
            long sequence = 0, failed = 0;
            step.Ran = true;
            while (!stop.IsCancellationRequested)
            {
                var now = Stopwatch.GetTimestamp();
                if (now >= end)
                {
                    break;
                }

                var owed = (long)((now - start) * perTick) + 1;
                while (sequence < owed)
                {
                    BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(4), sequence);
                    BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(12), Stopwatch.GetTimestamp());
                    sequence++;
                    try
                    {
                        sender.Send(payload);
                    }
                    catch (SocketException)
                    {
                        failed++;
                    }
                }

                Thread.Sleep(1);
            }

            var sendEnd = Stopwatch.GetTimestamp();
            step.SendSeconds = (sendEnd - start) / (double)Stopwatch.Frequency;
            step.CpuCores = (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds / step.SendSeconds;
            step.Sent = sequence - failed;
            step.SendFailed = failed;
            Thread.Sleep(TimeSpan.FromSeconds(options.DelayMs / 1000.0 + DrainSeconds));
            step.Lateness = network.TakeLateness();
            step.EmulatorCpu = network.EmulatorCpuTime - emulatorCpuStart;
        }

        private void Receive(Socket receiver)
        {
            var buffer = new byte[2048];
            while (!_stopping)
            {
                int length;
                try
                {
                    length = receiver.Receive(buffer);
                }
                catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock or SocketError.Interrupted)
                {
                    continue;
                }

                var now = Stopwatch.GetTimestamp();
                if (length < EmulatorCapacityOptions.MinSize)
                {
                    continue;
                }

                var index = BinaryPrimitives.ReadInt32LittleEndian(buffer);
                if (index < 0 || index >= _steps.Count)
                {
                    continue;
                }

                var step = _steps[index];
                var added = now - BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(12)) - _delayTicks;
                if (added < 0)
                {
                    step.EarlyField++;
                }

                step.Error.RecordValue(Math.Clamp(added * 1_000_000_000 / Stopwatch.Frequency, 1, 10_000_000_000));
                Interlocked.Increment(ref step.ReceivedField);
            }
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Format(EmulatorCapacityOptions options, EmulatedNetwork network, IReadOnlyList<Step> steps, bool measurementRealTime, string loadBefore, bool interrupted)
    {
        var inv = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("## Emulator capacity: packets/s with added delay error p99 < 0.2 ms");
        text.AppendLine();
        text.AppendLine(inv, $"- World: 2 namespaces (probe, deployment) joined by the WAN emulator; fixed one-way delay D = {options.DelayMs} ms each way, no loss, no jitter, no bandwidth limit. Forwarding thread real-time (SCHED_FIFO): {(network.RealTimeScheduling ? "yes" : "no")}.");
        text.AppendLine(options.Radio
            ? "- Radio: on (`--radio`): the probe has the built-in world's Mumbai LTE radio and the datagrams come from its handset 0, so each pays the handset lookup and the radio state machine; sent back to back, the radio stays connected (the warm-up pays the one promotion)."
            : "- Radio: off (datagrams from the probe's own address, no handset lookup).");
        text.AppendLine(inv, $"- Wake-up policy: {options.WakeUp.Name} (`--wake-up`): the forwarding thread stops sleeping {(options.WakeUp.MaximumMicroseconds == 0 ? "at the due time and never spins" : $"at the learnt {options.WakeUp.Quantile:0.##} quantile of its wake-up overshoot + {options.WakeUp.MarginMicroseconds:0} us (at least {options.WakeUp.MinimumMicroseconds:0} us) before a due time and spins the rest")}.");
        text.AppendLine(inv, $"- Load: UDP datagrams probe -> deployment at each offered rate for {options.Seconds} s (sent in bursts of rate/1000 every ~1 ms from one thread), each stamped with its send time; a receiver thread (blocking receive) in the deployment namespace takes one-way delay - D = added error. A step passes with no loss, the rate reached within 5% and error p99 < {ErrorLimitMicros:0} us; after two overloaded steps in a row (loss or the rate not reached) the higher rates of that size are skipped.");
        text.AppendLine(inv, $"- Machine: {Environment.ProcessorCount} logical cores, shared by the sender, the receiver, both kernel stacks and the emulator (all in this process): the capacity below is a lower bound for the emulator alone. Sender and receiver threads real-time (SCHED_FIFO {MeasurementPriority}, below the emulator's): {(measurementRealTime ? "yes" : "no")}. Load average before (1/5/15 min): {loadBefore}; at the end: {LoadAverage()}.");
        text.AppendLine("- Error: send timestamp taken just before `send`, receive timestamp just after `recv` returns, so it includes both kernel stacks, the TUN queues and the receiver's wake-up, not only the emulator's release lateness (shown apart: its own p99).");
        text.AppendLine();
        text.AppendLine("| size B | offered /s | sent /s | received /s | lost | error p50 us | p99 us | p99.9 us | max us | emulator lateness p99 us | process CPU (cores) | emulator thread (cores) | emulator CPU us/packet | pass |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var step in steps)
        {
            if (!step.Ran)
            {
                text.AppendLine(inv, $"| {step.Size} | {step.TargetRate:N0} | | | | | | | | | | | | skipped |");
                continue;
            }

            text.AppendLine(inv, $"| {step.Size} | {step.TargetRate:N0} | {step.SentRate:N0} | {step.ReceivedRate:N0} | {step.Lost:N0}{(step.SendFailed > 0 ? $" (+{step.SendFailed:N0} send errors)" : "")} | {step.ErrorMicros(50):0} | {step.ErrorMicros(99):0} | {step.ErrorMicros(99.9):0} | {step.ErrorMicros(100):0} | {step.LatenessP99Micros:0} | {step.CpuCores:0.00} | {step.EmulatorCores:0.00} | {step.EmulatorMicrosPerPacket:0.0} | {(step.Passed ? "yes" : "**no**")} |");
        }

        text.AppendLine();
        foreach (var size in options.Sizes)
        {
            var ofSize = steps.Where(s => s.Size == size).ToList();
            // Capacity: the highest offered rate below which every step passed too (one bad step ends the run of passes).
            var sustained = ofSize.TakeWhile(s => s.Passed).LastOrDefault();
            var higherPass = ofSize.SkipWhile(s => s.Passed).Where(s => s.Passed).LastOrDefault();
            text.Append(inv, $"- **{size} B datagrams: ");
            text.Append(sustained is null
                ? $"no rate passed** (lowest offered {ofSize[0].TargetRate:N0}/s)."
                : $"{sustained.TargetRate:N0} packets/s** (achieved {sustained.SentRate:N0}/s, error p99 {sustained.ErrorMicros(99):0} us, {sustained.CpuCores:0.00} cores)");
            if (sustained is not null)
            {
                var next = ofSize.SkipWhile(s => s.Passed).FirstOrDefault();
                text.Append(next is null
                    ? "; every offered rate passed, so the capacity is higher than the ladder goes."
                    : next.Ran ? $"; {next.TargetRate:N0}/s failed." : ".");
            }

            // The emulator's share alone: its release lateness, without the kernel stacks and the receiver's wake-up.
            var emulatorOnly = ofSize.TakeWhile(s => s.Ran && s.Lost == 0 && s.SentRate >= s.TargetRate * 0.95 && s.LatenessP99Micros < ErrorLimitMicros).LastOrDefault();
            text.Append(inv, $" Emulator's own release lateness p99 < {ErrorLimitMicros:0} us with no loss up to {(emulatorOnly is null ? "no offered rate" : $"{emulatorOnly.TargetRate:N0}/s")}.");
            if (higherPass is not null)
            {
                text.Append(inv, $" ({higherPass.TargetRate:N0}/s passed again after a failure: noisy, not counted.)");
            }

            text.AppendLine();
        }

        var counters = network.Counters;
        text.AppendLine();
        text.AppendLine(inv, $"Emulator counters over the run: forwarded {counters.Forwarded:N0}, lost by the model {counters.Lost:N0}, no route {counters.NoRoute:N0}, pool exhausted {counters.NoBuffer:N0}, write failed {counters.WriteFailed:N0}. Early arrivals (before D): {steps.Sum(s => Interlocked.Read(ref s.EarlyField)):N0}.");
        if (interrupted)
        {
            text.AppendLine();
            text.AppendLine("Interrupted: the table is incomplete.");
        }

        return text.ToString();
    }
}
