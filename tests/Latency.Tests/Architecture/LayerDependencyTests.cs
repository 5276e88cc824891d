using Latency.Bench.Application;
using Latency.Bench.Cli;
using Latency.TestSupport;
using Xunit;

namespace Latency.Tests.Architecture;

/// <summary>
/// Dependencies inside Latency.Bench go one way: the command line (<c>Cli/</c>) uses the application layer
/// (<c>Application/</c>), which uses the engine and studies (<c>Load/</c>, <c>Recording/</c>, <c>Study/</c>, ...);
/// never the other way. Checked on the compiled assembly, method bodies included.
/// </summary>
public sealed class LayerDependencyTests
{
    private const string Cli = "Latency.Bench.Cli";
    private const string Application = "Latency.Bench.Application";

    [Fact]
    public void NothingOutsideTheCommandLine_UsesIt()
    {
        var violations = Violations(ns => ns != Cli, Cli);

        Assert.True(violations.Count == 0, "uses the command line from below it:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void TheEngineAndStudies_DoNotUseTheApplicationLayer()
    {
        var violations = Violations(ns => ns != Cli && ns != Application, Application);

        Assert.True(violations.Count == 0, "uses the application layer from below it:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void TypeReferences_SeesUsesInMethodBodiesAndLambdas()
    {
        // RunService appears only in RunCommand's method bodies; ValidationErrorReporter only inside a lambda of
        // CalibrateCommand (a compiler-generated closure type): a scan of signatures alone would miss both.
        Assert.Contains(typeof(RunService), TypeReferences.Of(typeof(RunCommand)));
        Assert.Contains(typeof(ValidationErrorReporter), TypeReferences.Of(typeof(CalibrateCommand)));
        Assert.Contains(typeof(LocalWorld), TypeReferences.Of(typeof(WorldCommand)));
    }

    [Fact]
    public void NoSourceOutsideTheCommandLineFolder_NamesItsNamespace()
    {
        // Other projects under bench/ (the benchmarks) are not loaded by these tests; their sources are checked instead.
        var bench = Path.Combine(RepositoryPaths.Root(), "bench");
        var cliFolder = Path.Combine(bench, "Latency.Bench", "Cli") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(bench, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(cliFolder, StringComparison.Ordinal) && !IsBuildOutput(f))
            .Where(f => File.ReadAllText(f).Contains(Cli, StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(bench, f))
            .Where(f => f != Path.Combine("Latency.Bench", "Program.cs")) // the entry point starts the command line
            .ToList();

        Assert.True(offenders.Count == 0, "name Latency.Bench.Cli outside Cli/:\n" + string.Join("\n", offenders));
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    /// <summary>Each use, as "user -> used", by a type of a namespace <paramref name="checkedNamespace"/> selects, of a type in <paramref name="forbidden"/>.</summary>
    private static List<string> Violations(Func<string, bool> checkedNamespace, string forbidden) =>
        typeof(RunService).Assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace is { } ns && ns.StartsWith("Latency.Bench.", StringComparison.Ordinal) && checkedNamespace(ns))
            .SelectMany(t => TypeReferences.Of(t)
                .Where(used => used.Namespace == forbidden || used.Namespace?.StartsWith(forbidden + ".", StringComparison.Ordinal) == true)
                .Select(used => $"{t.FullName} -> {used.FullName}"))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
}
