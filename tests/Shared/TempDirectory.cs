namespace Latency.TestSupport;

/// <summary>
/// A fresh directory under the system temp folder, deleted with everything in it when disposed. Compiled into both
/// test projects (tests/Shared), so there is one helper, not one per project.
/// </summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "latency-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The path of <paramref name="name"/> in the directory.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="content"/> to <paramref name="name"/> in the directory and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a process under test may still hold a file for a moment, and a leftover temp folder must
            // not fail a test.
        }
    }
}
