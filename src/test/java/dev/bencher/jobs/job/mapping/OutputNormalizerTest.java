package dev.bencher.jobs.job.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The normalisation of a stored output document, {@link OutputNormalizer} (jobs-api.md R35, R36,
 * R41): the JSON a well-formed document is shown as (unknown members dropped, null optional members
 * left out, files in path order), and the documents that are not well-formed and so are shown as no
 * output at all (R31). {@code ViewJobTest} proves the same over HTTP for a few documents.
 */
class OutputNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final OutputNormalizer normalizer = new OutputNormalizer(JSON);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // rule | stored document | shown as (compact, R42)
            "R35 no iterations                   | {\"results\": []}                               | {\"results\":[]}",
            "R35 error kept                      | {\"results\": [], \"error\": \"boom\"}          | {\"results\":[],\"error\":\"boom\"}",
            "R41 null error left out             | {\"results\": [], \"error\": null}              | {\"results\":[]}",
            "R35 exit code only                  | {\"results\": [{\"exit_code\": 0}]}              | {\"results\":[{\"exit_code\":0}]}",
            "R35 every member                    | {\"error\": \"e\", \"results\": [{\"output\": {\"f\": \"c\"}, \"stderr\": \"err\", \"stdout\": \"out\", \"exit_code\": 1}]} | {\"results\":[{\"exit_code\":1,\"stdout\":\"out\",\"stderr\":\"err\",\"output\":{\"f\":\"c\"}}],\"error\":\"e\"}",
            "R41 null optional members left out  | {\"results\": [{\"exit_code\": 0, \"stdout\": null, \"stderr\": null, \"output\": null}]} | {\"results\":[{\"exit_code\":0}]}",
            "R41 unknown members dropped         | {\"results\": [{\"exit_code\": 2, \"signal\": 9}], \"config\": {}, \"x\": 1} | {\"results\":[{\"exit_code\":2}]}",
            "R41 a file map keeps every member   | {\"results\": [{\"exit_code\": 0, \"output\": {\"config\": \"\", \"exit_code\": \"x\"}}]} | {\"results\":[{\"exit_code\":0,\"output\":{\"config\":\"\",\"exit_code\":\"x\"}}]}",
            "R35 an empty file map is shown      | {\"results\": [{\"exit_code\": 0, \"output\": {}}]} | {\"results\":[{\"exit_code\":0,\"output\":{}}]}",
            "R36 files in ascending path order   | {\"results\": [{\"exit_code\": 0, \"output\": {\"b\": \"2\", \"a/z\": \"3\", \"a\": \"1\"}}]} | {\"results\":[{\"exit_code\":0,\"output\":{\"a\":\"1\",\"a/z\":\"3\",\"b\":\"2\"}}]}",
            "R35 iterations keep their order     | {\"results\": [{\"exit_code\": 3}, {\"exit_code\": 1}]} | {\"results\":[{\"exit_code\":3},{\"exit_code\":1}]}",
            "R41 exit code max int               | {\"results\": [{\"exit_code\": 2147483647}]}      | {\"results\":[{\"exit_code\":2147483647}]}",
            "R41 exit code min int               | {\"results\": [{\"exit_code\": -2147483648}]}     | {\"results\":[{\"exit_code\":-2147483648}]}",
            "R43 strings escaped, not HTML-escaped | {\"results\": [{\"exit_code\": 0, \"stdout\": \"<a>&\\\"\\n\"}]} | {\"results\":[{\"exit_code\":0,\"stdout\":\"<a>&\\\"\\n\"}]}" })
    void r35_r36_r41_wellFormedDocumentsAreNormalised(String rule, String stored, String shown) throws JsonProcessingException {
        assertThat(normalizer.normalize(stored)).isPresent();
        assertThat(JSON.writeValueAsString(normalizer.normalize(stored).get())).isEqualTo(shown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // rule | stored document
            "R41 not JSON                        | {\"results\": [",
            "R41 empty text                      | ''",
            "R41 JSON null                       | null",
            "R41 an array                        | [{\"exit_code\": 0}]",
            "R41 a string                        | \"results\"",
            "R41 results missing                 | {\"error\": \"e\"}",
            "R41 results null                    | {\"results\": null}",
            "R41 results an object               | {\"results\": {\"exit_code\": 0}}",
            "R41 an iteration not an object      | {\"results\": [0]}",
            "R41 exit code missing               | {\"results\": [{\"stdout\": \"x\"}]}",
            "R41 exit code null                  | {\"results\": [{\"exit_code\": null}]}",
            "R41 exit code a string              | {\"results\": [{\"exit_code\": \"0\"}]}",
            "R41 exit code 1.0                   | {\"results\": [{\"exit_code\": 1.0}]}",
            "R41 exit code with exponent         | {\"results\": [{\"exit_code\": 1e2}]}",
            "R41 exit code max int + 1           | {\"results\": [{\"exit_code\": 2147483648}]}",
            "R41 exit code min int - 1           | {\"results\": [{\"exit_code\": -2147483649}]}",
            "R41 exit code beyond a long         | {\"results\": [{\"exit_code\": 99999999999999999999}]}",
            "R41 exit code a boolean             | {\"results\": [{\"exit_code\": true}]}",
            "R41 error a number                  | {\"results\": [], \"error\": 1}",
            "R41 error an object                 | {\"results\": [], \"error\": {}}",
            "R41 stdout a number                 | {\"results\": [{\"exit_code\": 0, \"stdout\": 1}]}",
            "R41 stderr an array                 | {\"results\": [{\"exit_code\": 0, \"stderr\": [\"x\"]}]}",
            "R41 output an array                 | {\"results\": [{\"exit_code\": 0, \"output\": [\"x\"]}]}",
            "R41 output a string                 | {\"results\": [{\"exit_code\": 0, \"output\": \"x\"}]}",
            "R41 a file content a number         | {\"results\": [{\"exit_code\": 0, \"output\": {\"f\": 1}}]}",
            "R41 a file content null             | {\"results\": [{\"exit_code\": 0, \"output\": {\"f\": null}}]}",
            "R41 one bad iteration of two        | {\"results\": [{\"exit_code\": 0}, {\"exit_code\": \"x\"}]}" })
    void r31_r41_documentsThatAreNotWellFormedAreNoOutput(String rule, String stored) {
        assertThat(normalizer.normalize(stored)).isEmpty();
    }
}
