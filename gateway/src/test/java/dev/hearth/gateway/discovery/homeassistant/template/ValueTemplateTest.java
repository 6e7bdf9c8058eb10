package dev.hearth.gateway.discovery.homeassistant.template;

import dev.hearth.gateway.json.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The template forms real discovery configs use. Sources of the templates: Home Assistant's MQTT discovery docs
 * ({@code value_json.temperature}), Zigbee2MQTT's discovery ({@code value_json["state_left"]}, cover
 * {@code set_position_template}), Tasmota's legacy discovery ({@code value_json['ENERGY'].Yesterday}).
 */
class ValueTemplateTest {

    private static Optional<Object> render(String template, String payload) {
        ValueTemplate t = ((ValueTemplate.Ok) ValueTemplate.compile(template)).template();
        return t.render(payload, JsonTree.parse(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(String template, String payload) {
        return render(template, payload).map(ValueTemplate::text).orElse("<undefined>");
    }

    @ParameterizedTest(name = "{0} over {1} = {2}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "{{ value_json.temperature}} => { \"temperature\": 23.20, \"humidity\": 43.70 } => 23.2",
            "{{ value_json.a.b }} => {\"a\":{\"b\":7}} => 7",
            "{{ value_json['a'] }} => {\"a\":\"x\"} => x",
            "{{ value_json[\"state_left\"] }} => {\"state_left\":\"ON\"} => ON",
            "{{value_json['ENERGY'].Yesterday}} => {\"ENERGY\":{\"Yesterday\":1.737}} => 1.737",
            "{{value_json['ENERGY']['TotalStartTime']}} => {\"ENERGY\":{\"TotalStartTime\":\"2020-01-17T19:18:31\"}} => 2020-01-17T19:18:31",
            "{{ value }} => 21.5 => 21.5",
            "{{ value | float }} => 21 => 21.0",
            "{{ value | int }} => 21.9 => 21",
            "{{ value_json.t | float | round(1) }} => {\"t\":\"21.55\"} => 21.6",
            "{{ value_json.t | round(2) }} => {\"t\":2.675} => 2.67",
            "{{ value_json.t | round }} => {\"t\":21.5} => 22",
            "{{ value_json.mode | lower }} => {\"mode\":\"HEAT\"} => heat",
            "{{ value_json.x | default('off') }} => {} => off",
            "{{ value_json.x | default(0) | int }} => {\"x\":\"3\"} => 3",
            "{{ (value_json.power | float) / 1000 }} => {\"power\":1500} => 1.5",
            "{{ value_json.power | float * 10 }} => {\"power\":\"1.5\"} => 15.0",
            "{{ 'ON' if value_json.contact else 'OFF' }} => {\"contact\":true} => ON",
            "{{ 'ON' if value_json.state == 1 else 'OFF' }} => {\"state\":0} => OFF",
            "{{ value_json.on }} => {\"on\":true} => True",
            "{{ value_json.list[1] }} => {\"list\":[1,2]} => 2",
            "{{ value_json.a is defined }} => {\"a\":1} => True",
            "{{ value_json.t }} °C => {\"t\":20} => 20 °C",
            "{{ value_json.missing }} => {\"a\":1} => <undefined>",
            "{{ value_json.a }} => not json => <undefined>",
            "{{ value | float }} => nan-ish => <undefined>",
            "{{ value | float(0) }} => unavailable => 0",
    })
    void renders_the_forms_real_devices_use(String template, String payload, String expected) {
        assertThat(text(template.strip(), payload.strip())).isEqualTo(expected);
    }

    @Test
    void a_single_expression_keeps_its_type_so_numbers_stay_numbers() {
        assertThat(render("{{ value_json.temperature }}", "{\"temperature\": 23.2}")).contains(23.2);
        assertThat(render("{{ value_json.occupancy }}", "{\"occupancy\": false}")).contains(false);
        assertThat(render("{{ value | int }}", "7")).contains(7L);
    }

    @Test
    void a_command_template_fills_in_its_own_variables() {
        ValueTemplate t = ((ValueTemplate.Ok) ValueTemplate.compile("{ \"position\": {{ position }} }")).template();
        assertThat(t.render(Map.of("position", 50L))).contains("{ \"position\": 50 }");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
            "{% set v = value_json.action|default('') %}{{ v }} => statements",
            "{{ value_json.action | regex_findall('x') }} => filter 'regex_findall'",
            "{{ states('sensor.outside') }} => function 'states'",
            "{{ value_json.a | float(default=0) }} => unexpected character '='",
            "{{ value_json.a => '{{' without '}}'",
            "{{ value_json. }} => expected a name",
    })
    void refuses_what_it_does_not_support_with_a_reason(String template, String reasonPart) {
        ValueTemplate.Compiled c = ValueTemplate.compile(template.strip());
        assertThat(c).isInstanceOf(ValueTemplate.Unsupported.class);
        assertThat(((ValueTemplate.Unsupported) c).reason()).contains(reasonPart.strip());
    }
}
