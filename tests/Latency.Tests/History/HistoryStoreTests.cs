using Latency.History;
using Latency.RunDirectory;
using Latency.Tests.Reports;
using Microsoft.Data.Sqlite;

namespace Latency.Tests.History;

public sealed class HistoryStoreTests
{
    [Fact]
    public void Add_ThenRead_GivesTheRunAndItsRowsBack()
    {
        using var temp = new TempDirectory();
        using var store = HistoryStore.Open(temp.File("history.db"));
        var run = Run("handset", HistogramSamples.RunStart) with { Label = "nightly", Commit = new string('a', 40) };

        var result = store.Add(run, [Row("checkout", 150_000), Row("checkout/get", 90_000)]);

        Assert.False(result.AlreadyStored);
        Assert.Equal(2, result.Rows);
        var entry = Assert.Single(store.Read(new HistoryQuery()));
        Assert.Equal(run with { Id = result.RunId }, entry.Run);
        Assert.Equal([Row("checkout", 150_000), Row("checkout/get", 90_000)], entry.Rows);
    }

    [Fact]
    public void Open_ANewFile_SetsTheSchemaVersionInWalMode()
    {
        using var temp = new TempDirectory();
        using var store = HistoryStore.Open(temp.File("sub/history.db"));

        Assert.Equal(HistoryStore.SchemaVersion, store.ReadSchemaVersion());
        Assert.Equal("wal", Scalar(temp.File("sub/history.db"), "PRAGMA journal_mode"));
    }

    [Fact]
    public void Open_AVersionOneFile_MigratesItAndKeepsItsRuns()
    {
        using var temp = new TempDirectory();
        var path = temp.File("history.db");
        // A file as the first version wrote it: its tables, without the later indexes, and one run.
        WriteOldFile(path, version: 1);

        using var store = HistoryStore.Open(path);

        Assert.Equal(HistoryStore.SchemaVersion, store.ReadSchemaVersion());
        Assert.Equal("1", Scalar(path, "SELECT count(*) FROM sqlite_master WHERE name = 'rows_by_key'"));
        var entry = Assert.Single(store.Read(new HistoryQuery()));
        Assert.Equal(HistogramSamples.RunStart, entry.Run.StartedUtc);
        Assert.Equal("checkout", Assert.Single(entry.Rows).Key);
    }

    [Fact]
    public void Open_AVersionTwoFile_MigratesItsRowsToMicrosecondsAndTakesPicosecondRows()
    {
        using var temp = new TempDirectory();
        var path = temp.File("history.db");
        // A file as version 2 wrote it: quantile columns named *_us, no unit.
        WriteOldFile(path, version: 2);

        using var store = HistoryStore.Open(path);
        store.Add(Run("bdn:Pacer", HistogramSamples.RunStart.AddDays(1)), [Row("Poisson", 40_837) with { Unit = HistoryUnit.Picoseconds }]);

        Assert.Equal(3, store.ReadSchemaVersion());
        var entries = store.Read(new HistoryQuery());
        Assert.Equal(Row("checkout", 1), Assert.Single(entries[0].Rows));
        Assert.Equal(HistoryUnit.Microseconds, entries[0].Rows[0].Unit);
        Assert.Equal(Row("Poisson", 40_837) with { Unit = HistoryUnit.Picoseconds }, Assert.Single(entries[1].Rows));
    }

    [Theory]
    [InlineData(99, "schema version 99 was written by a newer latency")]
    [InlineData(-1, "schema version -1 is not one latency writes")] // found by fuzzing: a damaged header indexed the migrations below zero
    public void Open_ASchemaVersionThisLatencyDoesNotRead_IsRefused(int version, string expected)
    {
        using var temp = new TempDirectory();
        var path = temp.File("history.db");
        Scalar(path, $"PRAGMA user_version = {version}");

        var e = Assert.Throws<HistoryFileException>(() => HistoryStore.Open(path));

        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NullWhereTheSchemaSaysNotNull_IsRefusedAsDamaged()
    {
        // Found by fuzzing: a damaged page held NULL in runs.suite, and the reader's GetString threw
        // InvalidOperationException. SQLite refuses such a write, so the test loosens the stored schema to make one.
        using var temp = new TempDirectory();
        var path = temp.File("history.db");
        HistoryStore.Open(path).Dispose();
        Scalar(path, "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'suite TEXT NOT NULL', 'suite TEXT') WHERE name = 'runs'");
        Scalar(path, "INSERT INTO runs (suite, machine, started_at, status, run_dir, added_at) VALUES (NULL, 'm', '2024-01-01T00:00:00Z', 'complete', 'd', 'a')");
        using var store = HistoryStore.Open(path);

        var e = Assert.Throws<HistoryFileException>(() => store.Read(new HistoryQuery()));

        Assert.Contains("a row is damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_AFileThatIsNoDatabase_IsRefusedWithItsName()
    {
        using var temp = new TempDirectory();
        var path = temp.File("history.db", "not a database, a text file long enough to have a header of its own\n");

        var e = Assert.Throws<HistoryFileException>(() => HistoryStore.Open(path));

        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_TheSameRunTwice_StoresItOnce()
    {
        using var temp = new TempDirectory();
        using var store = HistoryStore.Open(temp.File("history.db"));
        var first = store.Add(Run("handset", HistogramSamples.RunStart), [Row("checkout", 1)]);

        var second = store.Add(Run("handset", HistogramSamples.RunStart) with { Label = "again" }, [Row("checkout", 2)]);

        Assert.True(second.AlreadyStored);
        Assert.Equal(first.RunId, second.RunId);
        var entry = Assert.Single(store.Read(new HistoryQuery()));
        Assert.Null(entry.Run.Label);
        Assert.Equal(1, Assert.Single(entry.Rows).P50);
    }

    [Fact]
    public async Task Add_FromTwoWritersAtOnce_StoresBothAndKeepsTheFileIntact()
    {
        using var temp = new TempDirectory();
        var path = temp.File("history.db");
        var rows = Enumerable.Range(0, 200).Select(i => Row($"scenario-{i}", i)).ToList();
        using var start = new Barrier(2);

        // Two connections, as two nightly jobs would have, each opening a new file and adding many runs at once.
        var writers = Enumerable.Range(0, 2).Select(writer => Task.Run(() =>
        {
            start.SignalAndWait();
            using var store = HistoryStore.Open(path);
            for (var i = 0; i < 20; i++)
            {
                store.Add(Run($"suite-{writer}", HistogramSamples.RunStart.AddMinutes(i)), rows);
            }
        })).ToList();
        await Task.WhenAll(writers);

        using var reader = HistoryStore.Open(path);
        var entries = reader.Read(new HistoryQuery());
        Assert.Equal(40, entries.Count);
        Assert.All(entries, e => Assert.Equal(200, e.Rows.Count));
        Assert.Equal("ok", Scalar(path, "PRAGMA integrity_check"));
    }

    [Fact]
    public void Read_FiltersBySuiteAndRowAndKeepsTheLastRuns()
    {
        using var temp = new TempDirectory();
        using var store = HistoryStore.Open(temp.File("history.db"));
        for (var day = 0; day < 5; day++)
        {
            store.Add(Run("handset", HistogramSamples.RunStart.AddDays(day)), [Row("mumbai/beijing/cold", day), Row("jakarta/beijing/cold", day)]);
            store.Add(Run("other", HistogramSamples.RunStart.AddDays(day)), [Row("mumbai/beijing/cold", day)]);
        }

        var entries = store.Read(new HistoryQuery { Suite = "handset", Row = "MUMBAI/", Last = 2 });

        Assert.Equal([HistogramSamples.RunStart.AddDays(3), HistogramSamples.RunStart.AddDays(4)], entries.Select(e => e.Run.StartedUtc));
        Assert.All(entries, e => Assert.Equal("handset", e.Run.Suite));
        Assert.All(entries, e => Assert.Equal("mumbai/beijing/cold", Assert.Single(e.Rows).Key));
    }

    internal static HistoryRun Run(string suite, DateTimeOffset started) => new()
    {
        Suite = suite,
        Machine = "probe-1",
        StartedUtc = started,
        Status = RunStatus.Complete,
        RunDirectory = "/runs/" + started.ToUnixTimeSeconds(),
    };

    internal static HistoryRow Row(string key, long p50Us) => new()
    {
        Key = key, Count = 100, Errors = 2, P50 = p50Us, P90 = p50Us + 1, P95 = p50Us + 2, P99 = p50Us + 3, Max = p50Us + 4,
    };

    /// <summary>A history file at schema <paramref name="version"/> (1 or 2: columns *_us) with one run and its row 'checkout'.</summary>
    private static void WriteOldFile(string path, int version)
    {
        using var old = new SqliteConnection($"Data Source={path};Pooling=False");
        old.Open();
        using var create = old.CreateCommand();
        create.CommandText = string.Concat(HistoryStore.Migrations.Take(version)) + $"""
            PRAGMA user_version = {version};
            INSERT INTO runs (suite, machine, started_at, status, run_dir, added_at)
            VALUES ('handset', 'probe-1', '2023-11-14T22:13:20.0000000Z', 'complete', '/runs/a', '2023-11-15T00:00:00.0000000Z');
            INSERT INTO rows (run_id, row_key, count, errors, p50_us, p90_us, p95_us, p99_us, max_us)
            VALUES (1, 'checkout', 100, 2, 1, 2, 3, 4, 5);
            """;
        create.ExecuteNonQuery();
    }

    private static string? Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
