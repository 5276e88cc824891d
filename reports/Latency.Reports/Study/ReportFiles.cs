using Latency.RunDirectory;

namespace Latency.Reports.Study;

/// <summary>
/// What a study report owns in the folder it is written to, so that writing it again leaves nothing of the last one
/// behind: a chart of a probe the run no longer has would otherwise stay in charts/ beside the new ones and pass for
/// this run's. The report lists the files it wrote in <see cref="FileName"/>; the next report removes the ones it did
/// not write again, and only those: charts/ may also hold a comparison's charts (<c>compare --out</c> into a run
/// directory), which are not the report's to delete.
/// </summary>
public static class ReportFiles
{
    /// <summary>The list of files the last report wrote, relative to its folder, one per line.</summary>
    public const string FileName = "report-files.txt";

    /// <summary>Names a report writes at the top of its folder (files and folders); anything else there is not a report's.</summary>
    public static IReadOnlySet<string> TopLevelNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        StudyReportWriter.MarkdownFileName, StudyReportWriter.HtmlFileName, SummaryFiles.JsonFileName, SummaryFiles.CsvFileName,
        MarkdownRenderer.ChartsFolder, SummaryFiles.HgrmFolder, FileName,
    };

    /// <summary>
    /// What is wrong with writing a report of <paramref name="runDirectory"/> into <paramref name="outDirectory"/>, or
    /// null when nothing is: a folder that is new, empty, the run directory itself, or holds only an earlier report.
    /// Anything else in it would sit beside the report as if it were part of it, and a report never deletes what it did
    /// not write, so such a folder is refused.
    /// </summary>
    /// <param name="runDirectory">The run directory the report is of.</param>
    /// <param name="outDirectory">Where the report is to be written.</param>
    public static string? TargetProblem(string runDirectory, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(runDirectory);
        ArgumentNullException.ThrowIfNull(outDirectory);
        if (File.Exists(outDirectory))
        {
            return $"{outDirectory} is a file, not a directory";
        }

        if (!Directory.Exists(outDirectory) || SameDirectory(runDirectory, outDirectory))
        {
            return null;
        }

        try
        {
            var foreign = new DirectoryInfo(outDirectory).EnumerateFileSystemInfos().Select(e => e.Name)
                .Where(name => !TopLevelNames.Contains(name)).Order(StringComparer.Ordinal).ToList();
            return foreign.Count == 0
                ? null
                : $"{outDirectory} is not empty and holds more than a report ({string.Join(", ", foreign.Take(3))}" +
                  (foreign.Count > 3 ? $" and {foreign.Count - 3} more" : "") +
                  "): give a new or empty directory, or one an earlier report was written to";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{outDirectory} cannot be read: {e.Message}";
        }
    }

    /// <summary>
    /// Removes what the last report in <paramref name="outDirectory"/> wrote and this one did not, then records
    /// <paramref name="written"/> as what the report now owns. Only entries of the earlier list inside the folder are
    /// touched; a list edited by hand to point elsewhere (an absolute path, "..") is ignored for those entries.
    /// </summary>
    /// <param name="outDirectory">The folder the report was written to.</param>
    /// <param name="written">The full paths of the files this report wrote.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <returns>The files removed, as full paths.</returns>
    public static async Task<IReadOnlyList<string>> ReplaceAsync(string outDirectory, IReadOnlyList<string> written,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outDirectory);
        ArgumentNullException.ThrowIfNull(written);
        var root = Path.GetFullPath(outDirectory);
        var now = written.Select(path => Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);
        var listFile = Path.Combine(root, FileName);
        var removed = new List<string>();
        if (File.Exists(listFile))
        {
            foreach (var entry in await File.ReadAllLinesAsync(listFile, cancellationToken).ConfigureAwait(false))
            {
                var relative = entry.Trim();
                if (relative.Length == 0 || now.Contains(relative) || Path.IsPathRooted(relative))
                {
                    continue;
                }

                var full = Path.GetFullPath(Path.Combine(root, relative));
                if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(full))
                {
                    continue;
                }

                File.Delete(full);
                removed.Add(full);
            }
        }

        await AtomicFile.WriteAllTextAsync(listFile, string.Concat(now.Order(StringComparer.Ordinal).Select(r => r + "\n")), cancellationToken)
            .ConfigureAwait(false);
        return removed;
    }

    private static bool SameDirectory(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            StringComparison.Ordinal);
}
