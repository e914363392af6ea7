using Microsoft.Data.Sqlite;

namespace Fetch.Build.Core.Caching;

/// <summary>
/// A schema's registry file starts, the first time a Fetch.Build of that schema opens the cache, as
/// a copy of the newest older registry there, which the usual migrations then bring up to date. An
/// upgrade so keeps what the cache knew (content of unpinned URLs, MD5 and SHA-512 digests, blobs
/// already hashed, placements) while the older file stays as it was, for the older Fetch.Build.
/// </summary>
internal static class RegistrySeed
{
    public static void EnsureFor(CacheLayout layout)
    {
        if (File.Exists(layout.RegistryPath))
        {
            return;
        }

        for (var schema = RegistrySchema.Version - 1; schema >= RegistrySchema.LastInSharedFile; schema--)
        {
            var older = layout.RegistryPathFor(schema);
            if (File.Exists(older) && TryCopy(older, layout.RegistryPath))
            {
                return;
            }
        }
    }

    /// <summary>A consistent copy (VACUUM INTO reads one snapshot while other builds go on), renamed in whole.</summary>
    private static bool TryCopy(string older, string target)
    {
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            var source = new SqliteConnectionStringBuilder { DataSource = older, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 60 };
            using (var connection = new SqliteConnection(source.ToString()))
            {
                connection.Open();
                using var version = connection.CreateCommand();
                version.CommandText = "PRAGMA user_version";
                if ((long)version.ExecuteScalar()! > RegistrySchema.Version)
                {
                    // Not an older schema after all: nothing here knows how to read it.
                    return false;
                }

                using var copy = connection.CreateCommand();
                copy.CommandText = "VACUUM INTO $target";
                copy.Parameters.AddWithValue("$target", temp);
                copy.ExecuteNonQuery();
            }

            // Another build may have seeded the file meanwhile: its copy is as good as ours.
            File.Move(temp, target, overwrite: false);
            return true;
        }
        catch (SqliteException)
        {
            // Unreadable or locked past the timeout: start empty, as on a machine that never had it.
            return false;
        }
        catch (IOException) when (File.Exists(target))
        {
            return true;
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
