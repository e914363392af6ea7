using Spectre.Console;

namespace Fetch.Build.Tool.Output;

/// <summary>Tables as the tool draws them: header and columns, no box, so rows read (and grep) as lines.</summary>
internal static class Tables
{
    public static Table Plain(params string[] columns)
    {
        var table = new Table().Border(TableBorder.None).ShowHeaders();
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(column).PadLeft(0).PadRight(2));
        }

        return table;
    }
}
