using System.Runtime.InteropServices;
using Microsoft.Build.Framework;
using Microsoft.Data.Sqlite;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Fetch.Build.Bench;

/// <summary>
/// A warm cache hit at its barest: open an SQLite file, read the row for the key, write it back
/// (the "last used" of a hit), hard-link the stored file to the destination. No locks, no state
/// file, no checks: what is left of ResolveDownloadArtifacts in HardLink mode when everything it
/// adds for safety is taken away.
/// </summary>
public sealed class RegistryLinkTask : MSBuildTask
{
    [Required]
    public string Database { get; set; } = string.Empty;

    [Required]
    public string Source { get; set; } = string.Empty;

    [Required]
    public string Destination { get; set; } = string.Empty;

    [Output]
    public string? Result { get; private set; }

    public override bool Execute()
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Database, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        Run(connection, "PRAGMA journal_mode=WAL");
        Run(connection, "CREATE TABLE IF NOT EXISTS entries(key TEXT PRIMARY KEY, path TEXT, used INTEGER)");
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT path FROM entries WHERE key = $k";
            read.Parameters.AddWithValue("$k", Source);
            Result = read.ExecuteScalar() as string ?? Source;
        }

        Run(connection, "INSERT INTO entries(key, path, used) VALUES($k, $k, unixepoch()) ON CONFLICT(key) DO UPDATE SET used = unixepoch()", Source);
        Directory.CreateDirectory(Path.GetDirectoryName(Destination)!);
        if (link(Result, Destination) != 0)
        {
            Log.LogError($"link failed: errno {Marshal.GetLastPInvokeError()}");
            return false;
        }

        return true;
    }

    private static void Run(SqliteConnection connection, string sql, string? key = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (key is not null)
        {
            command.Parameters.AddWithValue("$k", key);
        }

        command.ExecuteNonQuery();
    }

    [DllImport("libc", SetLastError = true)]
#pragma warning disable CA2101, SYSLIB1054 // a bench helper: the plain UTF-8 default of Linux is what we want
    private static extern int link(string oldpath, string newpath);
#pragma warning restore CA2101, SYSLIB1054
}
