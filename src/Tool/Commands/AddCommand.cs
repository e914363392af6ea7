using System.CommandLine;
using System.Globalization;
using Fetch.Build.Core.ProjectFiles;
using Fetch.Build.Tool.Output;

namespace Fetch.Build.Tool.Commands;

/// <summary>
/// <c>dotnet fetch add &lt;url&gt;</c>: fetch, then add the item with its Sha256 to the project (or a
/// <c>.props</c>/<c>.targets</c> file), or update the digest of the item with that URL. The file is
/// checked before anything is fetched, and written whole or not at all.
/// </summary>
internal static class AddCommand
{
    private static readonly string[] ProjectPatterns = ["*.csproj", "*.fsproj", "*.vbproj", "*.proj"];

    public static Command Create(CommandContext context)
    {
        var url = new Argument<string>("url") { Description = "An https://, http:// or file:// URL (or a local file)." };
        var project = new Option<string?>("--project") { Description = "The project, .props or .targets file to edit (default: the one project file in this folder)." };
        var extract = new Option<bool>("--extract") { Description = "Extract=\"true\": unpack the archive at build time." };
        var strip = new Option<int?>("--strip-components") { Description = "Leading path components dropped from every archive entry (with --extract)." };
        var copy = new Option<bool>("--copy-to-output") { Description = "CopyToOutputDirectory=\"PreserveNewest\": the files reach bin/ and publish." };
        var folder = new Option<string?>("--destination-folder") { Description = "DestinationFolder: where the build places the file or tree." };
        var command = new Command("add", "Fetch a URL and add it, with its Sha256, to a project file; or update the digest of the item with that URL.")
        {
            url, project, extract, strip, copy, folder,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var target = FindProject(parsed.GetValue(project));
            // Before any request: a file that is not MSBuild XML is refused with nothing fetched (FB1006).
            ProjectFile.Check(target);
            var metadata = new List<KeyValuePair<string, string>>();
            if (parsed.GetValue(extract))
            {
                metadata.Add(new("Extract", "true"));
            }

            if (parsed.GetValue(strip) is { } components)
            {
                metadata.Add(new("StripComponents", components.ToString(CultureInfo.InvariantCulture)));
            }

            if (parsed.GetValue(copy))
            {
                metadata.Add(new("CopyToOutputDirectory", "PreserveNewest"));
            }

            if (parsed.GetValue(folder) is { Length: > 0 } destination)
            {
                metadata.Add(new("DestinationFolder", destination));
            }

            var source = ToolFetch.UrlFrom(parsed.GetValue(url)!);
            var fetched = await ToolFetch.FetchAsync(context, source, metadata.ToDictionary(m => m.Key, m => m.Value), context.CacheDirOption(parsed), cancellationToken).ConfigureAwait(false);
            if (fetched is null)
            {
                return ToolFront.CheckFailed;
            }

            var change = ProjectFile.Write(target, new ArtifactItem(source, fetched.Sha256, metadata));
            var name = Path.GetFileName(target);
            ToolConsole.Message(change switch
            {
                ItemChange.Added => $"Added {source} (Sha256 {fetched.Sha256}) to {name}.",
                ItemChange.Updated => $"Updated the Sha256 of {source} in {name} to {fetched.Sha256}.",
                _ => $"{name} already has {source} with Sha256 {fetched.Sha256}; nothing changed.",
            });
            return ToolFront.Success;
        });
        return command;
    }

    /// <summary>The file named, or the one project file in the working folder, as <c>dotnet add package</c> finds it.</summary>
    private static string FindProject(string? named)
    {
        if (named is not null)
        {
            return File.Exists(named) ? Path.GetFullPath(named) : throw new UsageException($"the project file '{named}' does not exist.");
        }

        var found = ProjectPatterns.SelectMany(p => Directory.EnumerateFiles(Directory.GetCurrentDirectory(), p)).Distinct().ToList();
        return found.Count switch
        {
            1 => found[0],
            0 => throw new UsageException("no project file in this folder; name one with --project (a .csproj, .props or .targets file)."),
            _ => throw new UsageException($"several project files in this folder ({string.Join(", ", found.Select(Path.GetFileName))}); name one with --project."),
        };
    }
}
