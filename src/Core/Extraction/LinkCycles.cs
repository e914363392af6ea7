namespace Fetch.Build.Core.Extraction;

/// <summary>
/// Finds a cycle that symbolic links to folders would make: a link to its own folder or an
/// ancestor (the root included), or links that point at each other. Each such link stays inside
/// the root, yet a walker that follows links (a recursive glob or delete) would never finish.
/// Paths compare ignoring case, as on the file systems where that merges them.
/// </summary>
internal static class LinkCycles
{
    /// <param name="directories">Every folder of the tree, '/'-separated, without the root.</param>
    /// <param name="links">Each link's path and the path its target resolves to ("" is the root).</param>
    /// <returns>The path of a link that closes a cycle, or null.</returns>
    public static string? Find(IEnumerable<string> directories, IReadOnlyDictionary<string, string> links)
    {
        var folders = new HashSet<string>(directories, StringComparer.OrdinalIgnoreCase) { string.Empty };
        var edges = new Dictionary<string, List<(string To, string? Link)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in folders.Where(folder => folder.Length > 0))
        {
            AddEdge(edges, ParentOf(folder), folder, link: null);
        }

        foreach (var (link, target) in links)
        {
            var final = target;
            for (var steps = 0; links.TryGetValue(final, out var next); steps++)
            {
                if (steps > links.Count)
                {
                    return link;
                }

                final = next;
            }

            if (folders.Contains(final))
            {
                AddEdge(edges, ParentOf(link), final, link);
            }
        }

        return FindBackEdge(edges);
    }

    private static string? FindBackEdge(Dictionary<string, List<(string To, string? Link)>> edges)
    {
        // Depth-first from the root without recursion: a deep tree must not overflow the stack.
        var onPath = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { string.Empty };
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var stack = new Stack<(string Folder, int Next)>();
        stack.Push((string.Empty, 0));
        while (stack.Count > 0)
        {
            var (folder, next) = stack.Pop();
            var children = edges.GetValueOrDefault(folder);
            if (children is null || next >= children.Count)
            {
                onPath.Remove(folder);
                done.Add(folder);
                continue;
            }

            stack.Push((folder, next + 1));
            var (to, link) = children[next];
            if (onPath.Contains(to))
            {
                return link ?? to;
            }

            if (!done.Contains(to))
            {
                onPath.Add(to);
                stack.Push((to, 0));
            }
        }

        return null;
    }

    private static void AddEdge(Dictionary<string, List<(string To, string? Link)>> edges, string from, string to, string? link)
    {
        if (!edges.TryGetValue(from, out var list))
        {
            edges[from] = list = [];
        }

        list.Add((to, link));
    }

    private static string ParentOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? string.Empty : path[..slash];
    }
}
