using System.Globalization;
using Latency.Scenarios.Workloads;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Latency.World.Backend;

/// <summary>
/// How a request asked the handset backend to answer, read from its <see cref="ResponseInstructionHeaders"/>: the
/// body size and the server time. A header left out counts as 0.
/// </summary>
/// <param name="ResponseBytes">Body bytes to answer.</param>
/// <param name="ServerTime">Time spent after reading the request body, before answering.</param>
public sealed record ResponseInstruction(long ResponseBytes, TimeSpan ServerTime)
{
    /// <summary>
    /// Reads the instruction headers. Returns null when the request carries neither (it is for the named endpoints),
    /// or when a value is bad: then every problem is added to <paramref name="errors"/>.
    /// </summary>
    /// <param name="headers">The request's headers.</param>
    /// <param name="errors">Receives one message per bad header.</param>
    public static ResponseInstruction? Read(IHeaderDictionary headers, ICollection<string> errors)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(errors);
        var bytesValue = headers[ResponseInstructionHeaders.ResponseBytes];
        var serverValue = headers[ResponseInstructionHeaders.ServerMs];
        if (StringValues.IsNullOrEmpty(bytesValue) && StringValues.IsNullOrEmpty(serverValue))
        {
            return null;
        }

        var errorsBefore = errors.Count;
        long bytes = 0;
        if (Single(bytesValue, ResponseInstructionHeaders.ResponseBytes, errors) is { } bytesText
            && (!long.TryParse(bytesText, NumberStyles.None, CultureInfo.InvariantCulture, out bytes) || bytes > HandsetBackend.MaxResponseBytes))
        {
            errors.Add($"{ResponseInstructionHeaders.ResponseBytes} must be a whole number of bytes from 0 to {HandsetBackend.MaxResponseBytes} (got '{bytesText}')");
        }

        var serverTime = TimeSpan.Zero;
        var maxMs = WorkloadRequest.MaxServerTime.TotalMilliseconds;
        if (Single(serverValue, ResponseInstructionHeaders.ServerMs, errors) is { } serverText)
        {
            // The parser takes "NaN" and "-Infinity" whatever the styles: the range check keeps them out.
            if (double.TryParse(serverText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var ms) && ms >= 0 && ms <= maxMs)
            {
                serverTime = TimeSpan.FromTicks((long)Math.Round(ms * TimeSpan.TicksPerMillisecond));
            }
            else
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{ResponseInstructionHeaders.ServerMs} must be a number of milliseconds from 0 to {maxMs} (got '{serverText}')"));
            }
        }

        return errors.Count > errorsBefore ? null : new ResponseInstruction(bytes, serverTime);
    }

    /// <summary>The header's one value, or null when it is absent or (an error) given more than once.</summary>
    private static string? Single(StringValues values, string name, ICollection<string> errors)
    {
        if (values.Count > 1)
        {
            errors.Add($"{name} must be given once (got {values.Count} values)");
            return null;
        }

        return StringValues.IsNullOrEmpty(values) ? null : values.ToString().Trim();
    }
}
