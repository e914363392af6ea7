using Fetch.Build.Core.Caching;
using Microsoft.Data.Sqlite;

namespace Fetch.Build.Core.Tests.Caching;

/// <summary>Registry files as other Fetch.Build versions leave them, made with plain SQL.</summary>
internal static class RegistryFiles
{
    /// <summary>A registry at <paramref name="path"/> with the tables of the first <paramref name="steps"/> migrations, claiming <paramref name="userVersion"/>.</summary>
    public static void Create(string path, int steps, long userVersion, string extraSql = "")
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "PRAGMA journal_mode=WAL;" + string.Concat(RegistrySchema.Migrations.Take(steps)) + extraSql + $"PRAGMA user_version = {userVersion};";
        create.ExecuteNonQuery();
    }

    public static long UserVersion(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA user_version";
        return (long)read.ExecuteScalar()!;
    }
}
