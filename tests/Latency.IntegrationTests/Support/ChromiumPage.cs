using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace Latency.IntegrationTests.Support;

/// <summary>
/// One tab of Debian's headless Chromium driven over the Chrome DevTools Protocol (CDP), for what
/// <c>--screenshot</c> and <c>--dump-dom</c> cannot tell: where elements are laid out, which requests the page makes,
/// what reaches its console. A small client for tests: one page, one command at a time (commands are awaited in turn;
/// events arrive on a background receive loop).
/// </summary>
public sealed class ChromiumPage : IAsyncDisposable
{
    private const string ListeningPrefix = "DevTools listening on ";
    private const int StderrTailLines = 40;

    /// <summary>getBoundingClientRect's lower-case names onto <see cref="PageRect"/>.</summary>
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly TimeSpan timeout;
    private readonly string profile = Path.Combine(Path.GetTempPath(), "latency-chromium-" + Guid.NewGuid().ToString("N"));
    private readonly Queue<string> stderrTail = new();
    private readonly TaskCompletionSource<string> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ClientWebSocket socket = new();
    private readonly ConcurrentDictionary<int, (string Method, TaskCompletionSource<JsonElement> Reply)> pending = new();
    private readonly Dictionary<string, Action<JsonElement>> events;
    private readonly List<string> requests = [];
    private readonly List<string> consoleMessages = [];
    private Process? process;
    private Task receiving = Task.CompletedTask;
    private TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int lastId;

    private ChromiumPage(TimeSpan timeout)
    {
        this.timeout = timeout;
        events = new Dictionary<string, Action<JsonElement>>
        {
            ["Network.requestWillBeSent"] = e => Add(requests, e.GetProperty("request").GetProperty("url").GetString()!),
            ["Runtime.consoleAPICalled"] = e => Add(consoleMessages, ConsoleText(e)),
            // An uncaught exception shows in DevTools' console too, though it is no console API call.
            ["Runtime.exceptionThrown"] = e => Add(consoleMessages, "uncaught " + ExceptionText(e.GetProperty("exceptionDetails"))),
            // The browser's own messages: a resource that failed to load, a blocked request, a CSP violation.
            ["Log.entryAdded"] = e => Add(consoleMessages, LogText(e.GetProperty("entry"))),
            ["Page.loadEventFired"] = _ => loaded.TrySetResult(),
        };
    }

    /// <summary>Every URL the page asked for (Network.requestWillBeSent), the page's own URL first.</summary>
    public IReadOnlyList<string> Requests => Snapshot(requests);

    /// <summary>
    /// Console API calls ("log: hello 42"), uncaught exceptions ("uncaught ReferenceError: ...") and the browser's log
    /// entries ("error (network): Failed to load resource: ... URL"), one line each.
    /// </summary>
    public IReadOnlyList<string> ConsoleMessages => Snapshot(consoleMessages);

    /// <summary>
    /// Starts Chromium with a fresh profile, opens a tab with a <paramref name="width"/> by <paramref name="height"/>
    /// viewport (device scale factor 1), loads <paramref name="url"/> and waits for its load event; every wait is
    /// bounded by <paramref name="timeout"/>.
    /// </summary>
    /// <param name="url">The page, e.g. a file:// URL.</param>
    /// <param name="width">Viewport width in CSS pixels.</param>
    /// <param name="height">Viewport height in CSS pixels.</param>
    /// <param name="timeout">The bound on each wait, here and in every later call.</param>
    public static async Task<ChromiumPage> OpenAsync(string url, int width, int height, TimeSpan timeout)
    {
        var page = new ChromiumPage(timeout);
        try
        {
            page.Start();
            await page.ConnectAsync();
            await page.LoadAsync(url, width, height);
            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    /// <summary>Each element's bounding box by id (<c>getBoundingClientRect()</c>), null where no element has the id.</summary>
    public async Task<IReadOnlyDictionary<string, PageRect?>> RectsAsync(params string[] ids)
    {
        var rects = await ValueAsync($$"""
            {{JsonSerializer.Serialize(ids)}}.map(id => {
              const r = document.getElementById(id)?.getBoundingClientRect();
              return r ? { left: r.left, top: r.top, width: r.width, height: r.height } : null;
            })
            """);
        var values = rects.Deserialize<PageRect?[]>(Web)!;
        return ids.Select((id, i) => (id, rect: values[i])).ToDictionary(p => p.id, p => p.rect);
    }

    /// <summary>Evaluates a JavaScript expression in the page: a string result as is, any other value as JSON.</summary>
    public async Task<string> EvaluateAsync(string expression)
    {
        var value = await ValueAsync(expression);
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Undefined => "undefined",
            _ => value.GetRawText(),
        };
    }

    /// <summary>A PNG of the viewport as it is now (its size is the viewport's, the device scale factor being 1).</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var shot = await SendAsync("Page.captureScreenshot", new { format = "png" });
        return Convert.FromBase64String(shot.GetProperty("data").GetString()!);
    }

    /// <summary>Closes the connection, kills Chromium and everything it started, and deletes the profile.</summary>
    public async ValueTask DisposeAsync()
    {
        // Cleanup never throws: an exception here would replace the one that failed the test.
        try
        {
            if (socket.State == WebSocketState.Open)
            {
                using var deadline = new CancellationTokenSource(timeout);
                // Only our half of the close handshake: the receive loop sees Chromium's reply and ends.
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, deadline.Token);
            }

            await receiving.WaitAsync(timeout);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException)
        {
            // Chromium may be gone already; the kill below is what matters.
        }

        socket.Dispose();
        if (process is not null)
        {
            try
            {
                // Renderers, GPU and zygote processes are children of the browser; they would outlive a plain kill.
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(timeout);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                // Never started (chromium missing), or still dying after the timeout: nothing more to do here.
            }

            process.Dispose();
        }

        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // best effort, as for TempDirectory
        }
    }

    private void Start()
    {
        var info = new ProcessStartInfo("chromium")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Port 0: Chromium picks a free port and names it on stderr, so parallel test hosts never collide.
        foreach (var arg in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank" })
        {
            info.ArgumentList.Add(arg);
        }

        process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, line) => OnStderr(line.Data);
        // Read and dropped, so that a full pipe can never stall Chromium.
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            // End of stderr: Chromium exited. Fail at once rather than after the timeout.
            listening.TrySetException(Failure("chromium exited before it listened for DevTools"));
            return;
        }

        if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
        {
            listening.TrySetResult(line[ListeningPrefix.Length..]);
        }

        // Without a system D-Bus (containers, CI) Chromium logs dozens of dbus errors that never explain a failure.
        if (line.Contains(":ERROR:dbus/", StringComparison.Ordinal))
        {
            return;
        }

        lock (stderrTail)
        {
            stderrTail.Enqueue(line);
            if (stderrTail.Count > StderrTailLines)
            {
                stderrTail.Dequeue();
            }
        }
    }

    private async Task ConnectAsync()
    {
        var browser = new Uri(await Within(listening.Task, "chromium's \"DevTools listening on ws://...\" line"));
        // A tab of our own: /json/list also lists browser_ui targets (the omnibox popup) and, this early, may not list
        // the first tab yet. Chromium only takes PUT here.
        using var http = new HttpClient { Timeout = timeout };
        using var created = await Within(http.PutAsync(new Uri($"http://{browser.Authority}/json/new?about:blank"), null), "/json/new");
        created.EnsureSuccessStatusCode();
        var target = await Within(created.Content.ReadFromJsonAsync<JsonElement>(), "/json/new's answer");
        await Within(socket.ConnectAsync(new Uri(target.GetProperty("webSocketDebuggerUrl").GetString()!), CancellationToken.None),
            "the page's DevTools socket");
        receiving = ReceiveAsync();
    }

    private async Task LoadAsync(string url, int width, int height)
    {
        // Events are only sent for enabled domains, and only from then on: enable all before navigating.
        foreach (var domain in new[] { "Network", "Page", "Runtime", "Log" })
        {
            await SendAsync(domain + ".enable");
        }

        await SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile = false });
        // A fresh signal just before navigating: a late load event of the tab's about:blank must not count as ours.
        loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var navigated = await SendAsync("Page.navigate", new { url });
        if (navigated.TryGetProperty("errorText", out var error))
        {
            throw Failure($"Page.navigate to {url}: {error.GetString()}");
        }

        await Within(loaded.Task, "the load event of " + url);
    }

    private async Task<JsonElement> ValueAsync(string expression)
    {
        var evaluated = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (evaluated.TryGetProperty("exceptionDetails", out var exception))
        {
            throw Failure($"evaluating {expression}: {ExceptionText(exception)}");
        }

        // undefined comes back without a value.
        return evaluated.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>Sends a command and waits for the response with the same id: its result, or its error as an exception.</summary>
    private async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref lastId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = (method, reply);
        try
        {
            var command = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
            await Within(socket.SendAsync(command, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None), method);
            return await Within(reply.Task, method);
        }
        finally
        {
            // A command that timed out leaves nothing behind for a late response to find.
            pending.TryRemove(id, out _);
        }
    }

    /// <summary>
    /// Reads messages until the socket closes: responses complete their command, events go to their handler by method.
    /// The one wait without the timeout: it lasts as long as the page is open (each command's wait is bounded).
    /// </summary>
    private async Task ReceiveAsync()
    {
        Exception ended;
        try
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                var part = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                // A screenshot arrives in many frames.
                message.Write(buffer, 0, part.Count);
                if (part.EndOfMessage)
                {
                    Dispatch(JsonSerializer.Deserialize<JsonElement>(message.GetBuffer().AsSpan(0, (int)message.Length)));
                    message.SetLength(0);
                }
            }

            ended = Failure("chromium closed the DevTools connection");
        }
        catch (Exception e)
        {
            ended = Failure("the DevTools connection failed: " + e.Message);
        }

        foreach (var id in pending.Keys)
        {
            if (pending.TryRemove(id, out var command))
            {
                command.Reply.TrySetException(ended);
            }
        }
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id))
        {
            if (pending.TryRemove(id.GetInt32(), out var command))
            {
                if (message.TryGetProperty("error", out var error))
                {
                    command.Reply.TrySetException(Failure($"{command.Method}: {error.GetProperty("message").GetString()}"));
                }
                else
                {
                    command.Reply.TrySetResult(message.GetProperty("result"));
                }
            }
        }
        else if (message.TryGetProperty("method", out var method) && events.TryGetValue(method.GetString()!, out var handle))
        {
            handle(message.GetProperty("params"));
        }
    }

    private async Task Within(Task task, string what)
    {
        try
        {
            await task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw Failure($"timed out after {timeout.TotalSeconds:0.#} s waiting for {what}");
        }
    }

    private async Task<T> Within<T>(Task<T> task, string what)
    {
        await Within((Task)task, what);
        return await task;
    }

    /// <summary>An exception whose message ends with what Chromium last said on stderr: usually the real cause.</summary>
    private InvalidOperationException Failure(string message)
    {
        lock (stderrTail)
        {
            return new InvalidOperationException(
                $"{message}\n--- chromium's stderr, last {stderrTail.Count} lines (dbus errors left out) ---\n{string.Join('\n', stderrTail)}");
        }
    }

    private static string ConsoleText(JsonElement called)
    {
        // Each argument as the console shows it: a primitive's value, an object's description.
        var args = called.GetProperty("args").EnumerateArray().Select(arg =>
            arg.TryGetProperty("value", out var value) ? value.ToString()
            : arg.TryGetProperty("description", out var description) ? description.GetString()
            : arg.GetProperty("type").GetString());
        return $"{called.GetProperty("type").GetString()}: {string.Join(' ', args)}";
    }

    private static string LogText(JsonElement entry) =>
        $"{entry.GetProperty("level").GetString()} ({entry.GetProperty("source").GetString()}): {entry.GetProperty("text").GetString()}"
        + (entry.TryGetProperty("url", out var url) ? " " + url.GetString() : "");

    private static string ExceptionText(JsonElement details) =>
        details.TryGetProperty("exception", out var exception) && exception.TryGetProperty("description", out var description)
            ? description.GetString()!
            : details.GetProperty("text").GetString()!;

    private static void Add(List<string> list, string item)
    {
        lock (list)
        {
            list.Add(item);
        }
    }

    private static string[] Snapshot(List<string> list)
    {
        lock (list)
        {
            return [.. list];
        }
    }
}
