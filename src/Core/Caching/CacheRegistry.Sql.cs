using Fetch.Build.Core.Diagnostics;
using Fetch.Build.Core.Integrity;
using Microsoft.Data.Sqlite;

namespace Fetch.Build.Core.Caching;

/// <summary>Connection set-up, migrations and the retry-whole-transaction plumbing.</summary>
internal sealed partial class CacheRegistry
{
    private static CacheRegistry OpenOrCreate(CacheLayout layout, TimeProvider time)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = layout.RegistryPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            var registry = new CacheRegistry(connection, time);
            registry.Migrate(layout.RegistryPath);
            return registry;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Migrate(string path)
    {
        // Read before anything is set: a file this Fetch.Build cannot understand gets no write at all.
        var found = Read(c => Scalar<long>(c, "PRAGMA user_version"));
        if (found > RegistrySchema.Version)
        {
            // A newer schema lives in a file of its own (CacheLayout.RegistryPathFor); one in ours
            // means a newer Fetch.Build broke that rule. Refuse rather than misread it.
            throw new FetchException(DiagnosticCatalog.RegistryTooNew(path, found, RegistrySchema.Version));
        }

        // WAL lets readers and the one writer work at once; it persists in the file once set.
        Retry(() => Execute(_connection, "PRAGMA journal_mode=WAL"));
        Execute(_connection, "PRAGMA synchronous=NORMAL");
        // Every build opens the registry: take the write lock only when there is something to migrate.
        if (found == RegistrySchema.Version)
        {
            // Touch the tables so a damaged file fails here, where it can be rebuilt, not mid-build.
            Read(c => Scalar<long>(c, "SELECT 1 FROM blobs LIMIT 1") + Scalar<long>(c, "SELECT 1 FROM placements LIMIT 1"));
            return;
        }

        Write(c =>
        {
            // Read again under the write lock: another build may have migrated it meanwhile.
            var version = (int)Scalar<long>(c, "PRAGMA user_version");
            for (var step = version; step < RegistrySchema.Version; step++)
            {
                Execute(c, RegistrySchema.Migrations[step]);
            }

            if (version < RegistrySchema.Version)
            {
                Execute(c, $"PRAGMA user_version = {RegistrySchema.Version}");
            }
        });
    }

    private int Rebuild(ContentStore store)
    {
        var count = 0;
        foreach (var (sha256, size) in store.Enumerate())
        {
            RecordBlob(new ContentDigests(new Dictionary<DigestAlgorithm, string> { [DigestAlgorithm.Sha256] = sha256 }, size), identity: null);
            count++;
        }

        return count;
    }

    private T Read<T>(Func<SqliteConnection, T> query)
    {
        lock (_gate)
        {
            return Retry(() => query(_connection));
        }
    }

    private void Write(Action<SqliteConnection> change)
    {
        lock (_gate)
        {
            Retry(() =>
            {
                // BEGIN IMMEDIATE: take the write lock up front, so no snapshot can go stale mid-way.
                using var transaction = _connection.BeginTransaction(deferred: false);
                change(_connection);
                transaction.Commit();
                return 0;
            });
        }
    }

    private static T Retry<T>(Func<T> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return action();
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteBusy or SqliteLocked && attempt < MaxAttempts)
            {
                // Another process holds the database past the busy timeout, or our snapshot went stale: redo it all.
                Thread.Sleep(Random.Shared.Next(5, 50));
            }
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // SQL text is constant; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static T? Scalar<T>(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)value;
    }
}
