using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Editing.Native;

/// <summary>
/// The entry points of <c>libediting</c>. The C library calls <see cref="Bootstrap"/> once through hostfxr's
/// <c>load_assembly_and_get_function_pointer</c>; it fills a table with the other entry points in the order of
/// <c>editing_managed_api</c> in <c>native/src/editing.c</c>. Every entry point catches everything: an exception
/// becomes a status code and a message in <c>*error</c> (freed by C with <see cref="FreeString"/>).
/// Handles are <see cref="GCHandle"/>s of <see cref="NativeSession"/>, <see cref="NativeTimeline"/> and
/// <see cref="CancellationTokenSource"/>.
/// </summary>
internal static unsafe class NativeExports
{
    /// <summary>The number of entries <see cref="Bootstrap"/> writes; the C side checks it.</summary>
    public const int EntryCount = 13;

    private static int s_resolverInstalled;

    [UnmanagedCallersOnly]
    public static int Bootstrap(nint* table, int count)
    {
        if (table is null || count != EntryCount)
        {
            return NativeStatus.InvalidArgument;
        }

        InstallContractResolver();
        table[0] = (nint)(delegate* unmanaged<byte*, void>)&FreeString;
        table[1] = (nint)(delegate* unmanaged<byte*, nint*, byte**, int>)&SessionOpen;
        table[2] = (nint)(delegate* unmanaged<nint, void>)&SessionClose;
        table[3] = (nint)(delegate* unmanaged<byte*, nint*, byte**, int>)&TimelineOpen;
        table[4] = (nint)(delegate* unmanaged<nint, byte*, byte*, byte**, int>)&TimelineSave;
        table[5] = (nint)(delegate* unmanaged<nint, void>)&TimelineClose;
        table[6] = (nint)(delegate* unmanaged<nint, byte**, byte**, int>)&TimelineItems;
        table[7] = (nint)(delegate* unmanaged<nint, byte**, byte**, int>)&ToolsList;
        table[8] = (nint)(delegate* unmanaged<nint, byte*, byte**, byte**, int>)&ToolDescribe;
        table[9] = (nint)(delegate* unmanaged<nint, byte*, nint, void*, nint, byte**, byte**, int>)&Apply;
        table[10] = (nint)(delegate* unmanaged<nint*, int>)&CancelNew;
        table[11] = (nint)(delegate* unmanaged<nint, void>)&CancelSignal;
        table[12] = (nint)(delegate* unmanaged<nint, void>)&CancelFree;
        return NativeStatus.Ok;
    }

    /// <summary>
    /// hostfxr loads this component into its own isolated load context, so Editing.Sdk and Editing.Otio live there,
    /// not in the default context. Plugin load contexts take those contract assemblies from the default context (one
    /// IControllableTool type for host and plugins), so the default context is taught to hand out this context's
    /// copies: every contract type stays identical.
    /// </summary>
    private static void InstallContractResolver()
    {
        if (Interlocked.Exchange(ref s_resolverInstalled, 1) != 0)
        {
            return;
        }

        var own = AssemblyLoadContext.GetLoadContext(typeof(NativeExports).Assembly) ?? AssemblyLoadContext.Default;
        if (ReferenceEquals(own, AssemblyLoadContext.Default))
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += (_, name) =>
        {
            var loaded = own.Assemblies.FirstOrDefault(a => string.Equals(a.GetName().Name, name.Name, StringComparison.OrdinalIgnoreCase));
            if (loaded is not null)
            {
                return loaded;
            }

            var candidate = Path.Combine(NativeSession.ComponentDirectory, name.Name + ".dll");
            return File.Exists(candidate) ? own.LoadFromAssemblyName(name) : null;
        };
    }

    [UnmanagedCallersOnly]
    public static void FreeString(byte* text) => NativeText.Free(text);

    [UnmanagedCallersOnly]
    public static int SessionOpen(byte* optionsJson, nint* handle, byte** error) => Guard(error, () =>
    {
        Out(handle);
        var options = NativeJson.ReadSessionOptions(NativeText.Read(optionsJson));
        *handle = GCHandle.ToIntPtr(GCHandle.Alloc(NativeSession.Open(options.Isolate)));
        return NativeStatus.Ok;
    });

    [UnmanagedCallersOnly]
    public static void SessionClose(nint handle)
    {
        if (handle == 0)
        {
            return;
        }

        var gc = GCHandle.FromIntPtr(handle);
        try
        {
            if (gc.Target is NativeSession session)
            {
                session.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception)
        {
            // Closing stops worker processes; a worker that will not stop is killed by the host and must not take
            // the caller down.
        }
        finally
        {
            gc.Free();
        }
    }

    [UnmanagedCallersOnly]
    public static int TimelineOpen(byte* path, nint* handle, byte** error) => Guard(error, () =>
    {
        Out(handle);
        var timeline = NativeTimeline.Open(NativeText.Required(path, "path"));
        *handle = GCHandle.ToIntPtr(GCHandle.Alloc(timeline));
        return NativeStatus.Ok;
    });

    [UnmanagedCallersOnly]
    public static int TimelineSave(nint handle, byte* path, byte* target, byte** error) => Guard(error, () =>
    {
        Target<NativeTimeline>(handle, "timeline").Save(NativeText.Required(path, "path"), NativeText.Read(target));
        return NativeStatus.Ok;
    });

    [UnmanagedCallersOnly]
    public static void TimelineClose(nint handle)
    {
        if (handle != 0)
        {
            GCHandle.FromIntPtr(handle).Free();
        }
    }

    [UnmanagedCallersOnly]
    public static int TimelineItems(nint handle, byte** json, byte** error) => Guard(error, () =>
    {
        Out(json);
        var timeline = Target<NativeTimeline>(handle, "timeline");
        *json = NativeText.Allocate(NativeJson.Items(timeline));
        return NativeStatus.Ok;
    });

    [UnmanagedCallersOnly]
    public static int ToolsList(nint session, byte** json, byte** error) => Guard(error, () =>
    {
        Out(json);
        var s = Target<NativeSession>(session, "session");
        var text = NativeJson.Tools(s, CancellationToken.None).GetAwaiter().GetResult();
        *json = NativeText.Allocate(text);
        return NativeStatus.Ok;
    });

    [UnmanagedCallersOnly]
    public static int ToolDescribe(nint session, byte* toolId, byte** json, byte** error) => Guard(error, () =>
    {
        Out(json);
        var s = Target<NativeSession>(session, "session");
        var id = NativeText.Required(toolId, "tool_id");
        var tool = s.Host.DescribeToolAsync(id, CancellationToken.None).GetAwaiter().GetResult();
        *json = NativeText.Allocate(NativeJson.Describe(tool));
        return NativeStatus.Ok;
    });

    [UnmanagedCallersOnly]
    public static int Apply(nint session, byte* requestJson, nint progress, void* user, nint cancel, byte** resultJson, byte** error) =>
        Guard(error, () =>
        {
            Out(resultJson);
            var s = Target<NativeSession>(session, "session");
            var text = NativeText.Required(requestJson, "request_json");
            var external = cancel == 0 ? CancellationToken.None : Target<CancellationTokenSource>(cancel, "cancel").Token;
            var callback = (delegate* unmanaged<double, byte*, void*, int>)progress;
            var report = NativeApply.Run(s, text, callback, user, external);
            *resultJson = NativeText.Allocate(report);
            return NativeStatus.Ok;
        });

    [UnmanagedCallersOnly]
    public static int CancelNew(nint* handle)
    {
        if (handle is null)
        {
            return NativeStatus.InvalidArgument;
        }

        *handle = GCHandle.ToIntPtr(GCHandle.Alloc(new CancellationTokenSource()));
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly]
    public static void CancelSignal(nint handle)
    {
        if (handle != 0 && GCHandle.FromIntPtr(handle).Target is CancellationTokenSource cts)
        {
            try
            {
                cts.Cancel();
            }
            catch (AggregateException)
            {
                // A registration threw; the token is cancelled all the same.
            }
        }
    }

    [UnmanagedCallersOnly]
    public static void CancelFree(nint handle)
    {
        if (handle == 0)
        {
            return;
        }

        var gc = GCHandle.FromIntPtr(handle);
        (gc.Target as CancellationTokenSource)?.Dispose();
        gc.Free();
    }

    private static int Guard(byte** error, Func<int> body)
    {
        if (error is not null)
        {
            *error = null;
        }

        try
        {
            return body();
        }
        catch (Exception e)
        {
            var (status, message) = NativeErrors.Describe(e);
            NativeText.Store(error, message);
            return status;
        }
    }

    private static void Out<T>(T* slot)
        where T : unmanaged
    {
        if (slot is null)
        {
            throw new NativeArgumentException("the output pointer is NULL");
        }

        *slot = default;
    }

    private static void Out(byte** slot)
    {
        if (slot is null)
        {
            throw new NativeArgumentException("the output pointer is NULL");
        }

        *slot = null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Target<T>(nint handle, string name)
        where T : class =>
        handle == 0
            ? throw new NativeArgumentException($"{name} is NULL")
            : GCHandle.FromIntPtr(handle).Target as T ?? throw new NativeArgumentException($"{name} is not a live {name} handle");
}
