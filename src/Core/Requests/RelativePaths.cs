namespace Fetch.Build.Core.Requests;

/// <summary>Checks for relative paths that must stay below a root (Link, archive entries).</summary>
internal static class RelativePaths
{
    /// <summary>True when <paramref name="path"/> is relative and no '..' climbs above its root.</summary>
    public static bool IsContained(string path)
    {
        if (path.Length == 0 || Path.IsPathRooted(path) || path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':'))
        {
            return false;
        }

        var depth = 0;
        foreach (var part in path.Split('/', '\\'))
        {
            if (part == "..")
            {
                depth--;
                if (depth < 0)
                {
                    return false;
                }
            }
            else if (part.Length > 0 && part != ".")
            {
                depth++;
            }
        }

        return true;
    }
}
