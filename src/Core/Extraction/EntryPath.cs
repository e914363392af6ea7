using System.Buffers;
using System.Text;

namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Turns archive entry names and link targets into paths below the extraction root, or refuses
/// them. For the checks, '/' and '\' both separate, whatever the archive's origin: a name that is
/// harmless on Linux can be a traversal on Windows. Nothing absolute, drive-qualified, UNC or
/// escaping with '..' passes; a '..' that stays inside is resolved.
/// </summary>
internal static class EntryPath
{
    // NAME_MAX on Linux and macOS; a longer component fails at creation with an IOException that
    // would look like a disk error.
    private const int MaxComponentBytes = 255;

    private static readonly char[] Separators = ['/', '\\'];

    // Spelled out rather than Path.GetInvalidFileNameChars(), which only knows the running OS.
    private static readonly SearchValues<char> WindowsInvalidChars = SearchValues.Create(
        "<>:\"|?*\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private static readonly HashSet<string> WindowsDeviceNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    };

    /// <summary>
    /// An entry name with <paramref name="stripComponents"/> leading components dropped, as
    /// <c>tar --strip-components</c> does ('.' counts as a component there too). A name with no
    /// more components than that comes back as the root: the caller skips it.
    /// </summary>
    /// <param name="backslashSeparates">
    /// False where the archive's format makes '\' an ordinary character (tar; zips not made on DOS
    /// or Windows): off Windows it then stays in the name, as GNU tar, bsdtar and unzip keep it.
    /// The checks split on it all the same, so "..\x" is refused everywhere.
    /// </param>
    public static PathCheck ForEntry(string name, int stripComponents, bool windowsRules, bool backslashSeparates = true)
    {
        if (RootedRefusal(name) is { } rooted)
        {
            return PathCheck.Refused(rooted);
        }

        var checkedComponents = name.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
        var components = backslashSeparates || windowsRules ? checkedComponents : name.Split('/', StringSplitOptions.RemoveEmptyEntries);

        // The whole name first, so a '..' cannot hide in the part that is stripped.
        var whole = Resolve([], checkedComponents, windowsRules, isLink: null);
        if (!whole.IsRefused && components != checkedComponents)
        {
            whole = Resolve([], components, windowsRules, isLink: null);
        }

        if (whole.IsRefused || components.Length <= stripComponents)
        {
            return whole.IsRefused ? whole : new PathCheck([], null);
        }

        return stripComponents == 0 ? whole : Resolve([], components.AsSpan(stripComponents), windowsRules, isLink: null);
    }

    /// <summary>
    /// A symbolic link's target, resolved from <paramref name="linkFolder"/> (the components of the
    /// folder holding the link). <paramref name="isLink"/> tells which paths are links of the same
    /// archive: passing through one of them ("other/../..") is refused, since the OS would follow it
    /// where a lexical check cannot.
    /// </summary>
    public static PathCheck ForLinkTarget(string target, IReadOnlyList<string> linkFolder, bool windowsRules, Func<string, bool> isLink)
    {
        if (target.Length == 0)
        {
            return PathCheck.Refused("symbolic link with an empty target");
        }

        if (RootedRefusal(target) is { } rooted)
        {
            return PathCheck.Refused($"symbolic link to an {rooted}");
        }

        var check = Resolve(linkFolder, target.Split(Separators, StringSplitOptions.RemoveEmptyEntries), windowsRules, isLink);
        return check.IsRefused ? PathCheck.Refused($"symbolic link target '{target}': {check.Refusal}") : check;
    }

    /// <summary>The target as written on disk: '.' and empty components gone, the OS's separator.</summary>
    public static string CleanLinkTarget(string target) =>
        string.Join(Path.DirectorySeparatorChar, target.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Where(c => c != "."));

    private static string? RootedRefusal(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "name with a NUL character";
        }

        if (path.StartsWith(@"\\", StringComparison.Ordinal) || path.StartsWith("//", StringComparison.Ordinal))
        {
            return "UNC path";
        }

        if (path.Length > 0 && (path[0] == '/' || path[0] == '\\'))
        {
            return "absolute path";
        }

        // "C:x" is relative to drive C's current folder: as foreign as "C:\x".
        return path.Length >= 2 && path[1] == ':' && char.IsAsciiLetter(path[0]) ? "drive-qualified path" : null;
    }

    private static PathCheck Resolve(IReadOnlyList<string> start, ReadOnlySpan<string> components, bool windowsRules, Func<string, bool>? isLink)
    {
        var resolved = new List<string>(start);
        for (var i = 0; i < components.Length; i++)
        {
            var component = components[i];
            if (component == ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (resolved.Count == 0)
                {
                    return PathCheck.Refused("'..' leads outside the extraction folder");
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            if (ComponentRefusal(component, windowsRules) is { } refusal)
            {
                return PathCheck.Refused(refusal);
            }

            resolved.Add(component);
            if (isLink is not null && i < components.Length - 1 && isLink(string.Join('/', resolved)))
            {
                return PathCheck.Refused($"it passes through the symbolic link '{string.Join('/', resolved)}'");
            }
        }

        return new PathCheck(resolved, null);
    }

    private static string? ComponentRefusal(string component, bool windowsRules)
    {
        // A lone surrogate (7z names are UTF-16) reaches the disk as U+FFFD: two different names
        // would land on one file, past the duplicate check.
        if (!IsWellFormed(component))
        {
            return "a name that is not well-formed Unicode";
        }

        if (Encoding.UTF8.GetByteCount(component) > MaxComponentBytes)
        {
            return $"a name component is longer than {MaxComponentBytes} bytes";
        }

        if (!windowsRules)
        {
            return null;
        }

        if (component.AsSpan().IndexOfAny(WindowsInvalidChars) >= 0)
        {
            return "a character Windows does not allow in names";
        }

        // Windows drops trailing dots and spaces, so "a." would land on "a".
        if (component.EndsWith('.') || component.EndsWith(' '))
        {
            return "a name ending in a dot or space";
        }

        var stem = component.Split('.')[0];
        return WindowsDeviceNames.Contains(stem) ? "a reserved Windows device name" : null;
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
