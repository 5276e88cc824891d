using System.Globalization;
using Latency.RunDirectory;
using Microsoft.Data.Sqlite;

namespace Latency.History;

/// <summary>
/// The run history file: an embedded SQLite database (default <c>runs/history.db</c>) with a table <c>runs</c> and a
/// table <c>rows</c> (each run's per-row quantiles and counts). Its schema version is SQLite's <c>user_version</c>;
/// opening the file brings an older one up to <see cref="SchemaVersion"/> through <see cref="Migrations"/>, in one
/// transaction. Two writers at once (two nightly jobs) are safe: the file is in WAL mode, a writer waits up to
/// <see cref="BusyTimeout"/> for the other, and each add is one <c>BEGIN IMMEDIATE</c> transaction, so a run is stored
/// whole or not at all. Open, use and dispose; it holds one connection.
/// </summary>
public sealed class HistoryStore : IDisposable
{
    /// <summary>How long a writer waits for another one to finish before giving up.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The schema, one step per version: step <c>i</c> takes a file from version <c>i</c> to <c>i + 1</c>. Append a step
    /// for any change; never edit a released one (files in the field went through it).
    /// </summary>
    internal static readonly IReadOnlyList<string> Migrations =
    [
        // 0 -> 1: runs and their rows.
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            suite TEXT NOT NULL,
            label TEXT,
            git_commit TEXT,
            machine TEXT NOT NULL,
            started_at TEXT NOT NULL,
            status TEXT NOT NULL,
            run_dir TEXT NOT NULL,
            added_at TEXT NOT NULL,
            UNIQUE (suite, machine, started_at));
        CREATE TABLE rows (
            run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
            row_key TEXT NOT NULL,
            count INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            p50_us INTEGER NOT NULL,
            p90_us INTEGER NOT NULL,
            p95_us INTEGER NOT NULL,
            p99_us INTEGER NOT NULL,
            max_us INTEGER NOT NULL,
            PRIMARY KEY (run_id, row_key));
        """,
        // 1 -> 2: indexes for `history show`, which selects by suite and time and filters rows by key.
        """
        CREATE INDEX runs_by_suite ON runs (suite, started_at);
        CREATE INDEX rows_by_key ON rows (row_key);
        """,
        // 2 -> 3: BenchmarkDotNet rows take a few nanoseconds, which whole microseconds round to 0: each row says its
        // unit ('us' for every row so far, 'ps' for benchmarks) and the quantile columns lose their '_us'; benchmarks
        // measured with the MemoryDiagnoser keep their bytes allocated per operation (null for all else).
        """
        ALTER TABLE rows ADD COLUMN unit TEXT NOT NULL DEFAULT 'us';
        ALTER TABLE rows ADD COLUMN allocated_bytes INTEGER;
        ALTER TABLE rows RENAME COLUMN p50_us TO p50;
        ALTER TABLE rows RENAME COLUMN p90_us TO p90;
        ALTER TABLE rows RENAME COLUMN p95_us TO p95;
        ALTER TABLE rows RENAME COLUMN p99_us TO p99;
        ALTER TABLE rows RENAME COLUMN max_us TO max;
        """,
    ];

    /// <summary>The schema version this code writes and reads.</summary>
    public static int SchemaVersion => Migrations.Count;

    private readonly SqliteConnection _connection;

    private HistoryStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>The history file.</summary>
    public string Path { get; }

    /// <summary>
    /// Opens the history at <paramref name="path"/>, creating it (and its folder) when missing and migrating an older
    /// schema.
    /// </summary>
    /// <exception cref="HistoryFileException">Not a SQLite database, a newer schema, or the file cannot be opened.</exception>
    public static HistoryStore Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        try
        {
            if (System.IO.Path.GetDirectoryName(fullPath) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HistoryFileException($"{path}: cannot create its folder: {e.Message}", e);
        }

        // No pooling: a pooled connection keeps the file open after Dispose, and the next job may want to move it.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString());
        var store = new HistoryStore(path, connection);
        try
        {
            connection.Open();
            store.Execute($"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}");
            store.Execute("PRAGMA journal_mode = WAL");
            store.Execute("PRAGMA foreign_keys = ON");
            store.Migrate();
            return store;
        }
        catch (SqliteException e)
        {
            store.Dispose();
            throw new HistoryFileException($"{path}: not a usable history file: {e.Message}", e);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stores <paramref name="run"/> and its <paramref name="rows"/> in one transaction, unless the same run (suite,
    /// machine, start time) is there already: then nothing changes and the result says which run it is.
    /// </summary>
    public HistoryAddResult Add(HistoryRun run, IReadOnlyList<HistoryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(rows);
        try
        {
            // BEGIN IMMEDIATE: the write lock is taken first, so the check below and the insert see the same file.
            using var transaction = _connection.BeginTransaction(deferred: false);
            using (var find = Command("SELECT id FROM runs WHERE suite = $suite AND machine = $machine AND started_at = $started"))
            {
                find.Parameters.AddWithValue("$suite", run.Suite);
                find.Parameters.AddWithValue("$machine", run.Machine);
                find.Parameters.AddWithValue("$started", Timestamp(run.StartedUtc));
                if (find.ExecuteScalar() is long existing)
                {
                    return new HistoryAddResult(existing, AlreadyStored: true, Rows: 0);
                }
            }

            long runId;
            using (var insert = Command(
                       """
                       INSERT INTO runs (suite, label, git_commit, machine, started_at, status, run_dir, added_at)
                       VALUES ($suite, $label, $commit, $machine, $started, $status, $dir, $added) RETURNING id
                       """))
            {
                insert.Parameters.AddWithValue("$suite", run.Suite);
                insert.Parameters.AddWithValue("$label", (object?)run.Label ?? DBNull.Value);
                insert.Parameters.AddWithValue("$commit", (object?)run.Commit ?? DBNull.Value);
                insert.Parameters.AddWithValue("$machine", run.Machine);
                insert.Parameters.AddWithValue("$started", Timestamp(run.StartedUtc));
                insert.Parameters.AddWithValue("$status", run.Status.ToString().ToLowerInvariant());
                insert.Parameters.AddWithValue("$dir", run.RunDirectory);
                insert.Parameters.AddWithValue("$added", Timestamp(DateTimeOffset.UtcNow));
                runId = (long)insert.ExecuteScalar()!;
            }

            using (var insertRow = Command(
                       """
                       INSERT INTO rows (run_id, row_key, count, errors, p50, p90, p95, p99, max, unit, allocated_bytes)
                       VALUES ($run, $key, $count, $errors, $p50, $p90, $p95, $p99, $max, $unit, $allocated)
                       """))
            {
                foreach (var row in rows)
                {
                    insertRow.Parameters.Clear();
                    insertRow.Parameters.AddWithValue("$run", runId);
                    insertRow.Parameters.AddWithValue("$key", row.Key);
                    insertRow.Parameters.AddWithValue("$count", row.Count);
                    insertRow.Parameters.AddWithValue("$errors", row.Errors);
                    insertRow.Parameters.AddWithValue("$p50", row.P50);
                    insertRow.Parameters.AddWithValue("$p90", row.P90);
                    insertRow.Parameters.AddWithValue("$p95", row.P95);
                    insertRow.Parameters.AddWithValue("$p99", row.P99);
                    insertRow.Parameters.AddWithValue("$max", row.Max);
                    insertRow.Parameters.AddWithValue("$unit", row.Unit.Symbol());
                    insertRow.Parameters.AddWithValue("$allocated", (object?)row.AllocatedBytes ?? DBNull.Value);
                    insertRow.ExecuteNonQuery();
                }
            }

            transaction.Commit();
            return new HistoryAddResult(runId, AlreadyStored: false, rows.Count);
        }
        catch (SqliteException e)
        {
            throw new HistoryFileException($"{Path}: cannot add the run: {e.Message}", e);
        }
    }

    /// <summary>The runs <paramref name="query"/> selects, oldest first, each with its selected rows in key order.</summary>
    public IReadOnlyList<HistoryEntry> Read(HistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        try
        {
            var runs = new List<HistoryRun>();
            using (var select = Command(
                       """
                       SELECT id, suite, label, git_commit, machine, started_at, status, run_dir FROM runs
                       WHERE ($suite IS NULL OR suite = $suite)
                         AND ($row IS NULL OR EXISTS (SELECT 1 FROM rows WHERE rows.run_id = runs.id AND instr(lower(row_key), lower($row)) > 0))
                       ORDER BY started_at DESC, id DESC
                       LIMIT $last
                       """))
            {
                select.Parameters.AddWithValue("$suite", (object?)query.Suite ?? DBNull.Value);
                select.Parameters.AddWithValue("$row", (object?)query.Row ?? DBNull.Value);
                select.Parameters.AddWithValue("$last", query.Last ?? -1);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    runs.Add(new HistoryRun
                    {
                        Id = reader.GetInt64(0),
                        Suite = reader.GetString(1),
                        Label = reader.IsDBNull(2) ? null : reader.GetString(2),
                        Commit = reader.IsDBNull(3) ? null : reader.GetString(3),
                        Machine = reader.GetString(4),
                        StartedUtc = DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                        Status = Enum.TryParse<RunStatus>(reader.GetString(6), ignoreCase: true, out var status) ? status : RunStatus.Failed,
                        RunDirectory = reader.GetString(7),
                    });
                }
            }

            runs.Reverse();
            return runs.Select(run => new HistoryEntry(run, RowsOf(run.Id, query.Row))).ToList();
        }
        catch (SqliteException e)
        {
            throw new HistoryFileException($"{Path}: cannot read the history: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidCastException)
        {
            // A damaged page can hold NULL or text where the schema says otherwise: the reader's getters throw these.
            throw new HistoryFileException($"{Path}: cannot read the history, a row is damaged: {e.Message}", e);
        }
    }

    /// <summary>The file's schema version (<c>PRAGMA user_version</c>).</summary>
    public int ReadSchemaVersion()
    {
        using var command = Command("PRAGMA user_version");
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _connection.Dispose();

    /// <summary>Start times as sortable UTC text, e.g. <c>2026-01-02T03:04:05.0000000Z</c>: ordered as text, read by people.</summary>
    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private List<HistoryRow> RowsOf(long runId, string? filter)
    {
        using var select = Command(
            """
            SELECT row_key, count, errors, p50, p90, p95, p99, max, unit, allocated_bytes FROM rows
            WHERE run_id = $run AND ($row IS NULL OR instr(lower(row_key), lower($row)) > 0)
            ORDER BY rowid
            """);
        select.Parameters.AddWithValue("$run", runId);
        select.Parameters.AddWithValue("$row", (object?)filter ?? DBNull.Value);
        using var reader = select.ExecuteReader();
        var rows = new List<HistoryRow>();
        while (reader.Read())
        {
            rows.Add(new HistoryRow
            {
                Key = reader.GetString(0),
                Count = reader.GetInt64(1),
                Errors = reader.GetInt64(2),
                P50 = reader.GetInt64(3),
                P90 = reader.GetInt64(4),
                P95 = reader.GetInt64(5),
                P99 = reader.GetInt64(6),
                Max = reader.GetInt64(7),
                // A unit this version does not know cannot be compared with anything: it was refused by the schema
                // version check before, so only a hand-edited file gets here.
                Unit = HistoryUnits.Parse(reader.GetString(8))
                       ?? throw new HistoryFileException($"{Path}: row '{reader.GetString(0)}' has an unknown unit '{reader.GetString(8)}'"),
                AllocatedBytes = reader.IsDBNull(9) ? null : reader.GetInt64(9),
            });
        }

        return rows;
    }

    /// <summary>
    /// Brings the schema up to <see cref="SchemaVersion"/>: the version is read again inside the write transaction, so
    /// two processes opening a new file at once migrate it once.
    /// </summary>
    private void Migrate()
    {
        if (ReadSchemaVersion() == SchemaVersion)
        {
            return;
        }

        using var transaction = _connection.BeginTransaction(deferred: false);
        var version = ReadSchemaVersion();
        if (version > SchemaVersion)
        {
            throw new HistoryFileException(
                $"{Path}: schema version {version} was written by a newer latency; this one reads up to {SchemaVersion}");
        }

        if (version < 0)
        {
            // No latency writes one; a damaged header does, and it indexed the migrations below zero.
            throw new HistoryFileException($"{Path}: schema version {version} is not one latency writes: not a history file, or a damaged one");
        }

        for (; version < SchemaVersion; version++)
        {
            Execute(Migrations[version]);
        }

        Execute($"PRAGMA user_version = {SchemaVersion}");
        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}
