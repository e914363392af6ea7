using System.Reflection;
using Fetch.Build.Core.Diagnostics;

namespace Fetch.Build.Tasks;

/// <summary>
/// MSBuild's task progress API — <c>EngineServices.CreateTaskProgressReporter(title, unit)</c>, an
/// <c>IProgress&lt;TaskProgressUpdate&gt;</c> whose operations the terminal logger draws as live bars
/// (dotnet/msbuild#6944) — where the running MSBuild has it. Found at run time: the task compiles
/// against MSBuild 17.7 and loads on SDK 8, and MSBuild up to 18.9 (SDK 10.0.4xx) has no such API,
/// which leaves the console logger's progress lines as all there is. One operation per download;
/// anything unexpected switches it off, never the build.
/// </summary>
internal sealed class EngineProgress
{
    private readonly object _services;
    private readonly MethodInfo _create;
    private readonly object _bytes;
    private readonly ConstructorInfo _update;
    private readonly MethodInfo _report;
    private readonly MethodInfo _complete;
    private readonly Dictionary<string, object> _operations = new(StringComparer.Ordinal);
    private bool _off;

    private EngineProgress(object services, MethodInfo create, object bytes, ConstructorInfo update, MethodInfo report, MethodInfo complete)
    {
        _services = services;
        _create = create;
        _bytes = bytes;
        _update = update;
        _report = report;
        _complete = complete;
    }

    /// <summary>Progress over <paramref name="services"/> (IBuildEngine10.EngineServices), or null when it has no progress API.</summary>
    public static EngineProgress? For(object? services)
    {
        var create = services?.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(IsCreate);
        if (services is null || create is null || !Enum.TryParse(create.GetParameters()[1].ParameterType, "Bytes", out var bytes))
        {
            return null;
        }

        var reporter = create.ReturnType;
        var progress = reporter.GetInterfaces().Append(reporter).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IProgress<>));
        var update = progress?.GetGenericArguments()[0].GetConstructor([typeof(long), typeof(long?), typeof(string)]);
        var report = progress?.GetMethod(nameof(IProgress<int>.Report));
        var complete = reporter.GetInterfaces().Append(reporter).Select(i => i.GetMethod("Complete", [typeof(string)])).FirstOrDefault(m => m is not null);
        return update is null || report is null || complete is null || !typeof(IDisposable).IsAssignableFrom(reporter)
            ? null
            : new EngineProgress(services, create, bytes!, update, report, complete);
    }

    /// <summary>Moves the download's bar; its last report completes it, or abandons it when the bytes fell short.</summary>
    public void Report(ProgressReport report)
    {
        if (_off)
        {
            return;
        }

        try
        {
            if (!_operations.TryGetValue(report.MaskedUrl, out var operation))
            {
                if (report.Finished)
                {
                    return;
                }

                operation = _create.Invoke(_services, ["Fetch.Build " + Name(report.MaskedUrl), _bytes])!;
                _operations[report.MaskedUrl] = operation;
            }

            if (!report.Finished)
            {
                _report.Invoke(operation, [_update.Invoke([report.Done, report.Total, null])]);
                return;
            }

            _operations.Remove(report.MaskedUrl);
            if (report.Total is null || report.Done == report.Total)
            {
                _complete.Invoke(operation, [null]);
            }

            ((IDisposable)operation).Dispose();
        }
        catch (Exception ex) when (ex is TargetInvocationException or ArgumentException or MemberAccessException or InvalidCastException or NotSupportedException)
        {
            // Progress is decoration: a shape this code did not expect turns it off for this build.
            _off = true;
        }
    }

    /// <summary>Ends what is still open (a cancelled build): disposing abandons an operation.</summary>
    public void Close()
    {
        foreach (var operation in _operations.Values)
        {
            ((IDisposable)operation).Dispose();
        }

        _operations.Clear();
    }

    private static bool IsCreate(MethodInfo method) =>
        method.Name == "CreateTaskProgressReporter" &&
        method.GetParameters() is [{ ParameterType: var title }, { ParameterType.IsEnum: true }] &&
        title == typeof(string);

    /// <summary>The last path segment: a bar's title is short.</summary>
    private static string Name(string maskedUrl)
    {
        var path = maskedUrl.Split('?')[0].TrimEnd('/');
        return path[(path.LastIndexOf('/') + 1)..];
    }
}
