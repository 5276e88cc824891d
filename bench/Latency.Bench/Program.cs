using Latency.Bench.Cli;

return await LatencyCli.InvokeAsync(args).ConfigureAwait(false);
