using Latency.RunDirectory;
using Latency.TestSupport;
using Xunit;

namespace Latency.Tests.Reports;

/// <summary>Issue 16: a SIGTERM while a report is written must not leave a half-written report.html or summary.json.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task WriteAsync_WriterThrowsMidway_OldContentStaysAndNoTemporaryFileIsLeft()
    {
        var path = _temp.File("summary.json", "{ \"old\": true }\n");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync("{ \"new\": "u8.ToArray(), token);
            throw new InvalidOperationException("killed midway");
        }));

        Assert.Equal("killed midway", thrown.Message);
        Assert.Equal("{ \"old\": true }\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task WriteAsync_WriterThrowsMidwayWithNoFileBefore_NoTargetAndNoTemporaryFile()
    {
        var path = _temp.File("report.html");

        await Assert.ThrowsAsync<IOException>(() => AtomicFile.WriteAsync(path, async (stream, token) =>
        {
            await stream.WriteAsync("<html><body>half"u8.ToArray(), token);
            throw new IOException("No space left on device");
        }));

        Assert.Empty(Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task WriteAsync_Cancelled_TargetUntouched()
    {
        var path = _temp.File("report.md", "old\n");
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AtomicFile.WriteAllTextAsync(path, "new\n", cancelled.Token));

        Assert.Equal("old\n", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_temp.Path));
    }

    [Fact]
    public async Task WriteAllTextAsync_ReplacesTheFileAsUtf8WithoutBom()
    {
        var path = _temp.File("summary.csv", "old,longer,content\n");

        await AtomicFile.WriteAllTextAsync(path, "probe,ü\n");

        Assert.Equal("probe,ü\n"u8.ToArray(), await File.ReadAllBytesAsync(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_temp.Path));
    }
}
