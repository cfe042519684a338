package dev.bulwark.workflows.guard;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Uploaded BPMN is code too. This guard refuses what would let a playbook run arbitrary code or
 * reach outside the engine: script tasks and scripts anywhere (listeners, input/output, conditions
 * in a script language), Java classes outside Bulwark's own delegates, Camunda connectors, imports
 * and resources loaded from URLs or files, and expressions that climb out of the process (class
 * loading, the engine's services). The XML itself is read with DOCTYPEs and external entities off,
 * so the upload cannot make the parser read files or call out (XXE).
 *
 * <p>Call {@link #check} on every uploaded playbook before deploying it. Camunda's own parser also
 * runs with XXE processing off (its default, {@code enableXxeProcessing=false}).
 */
public final class BpmnGuard {

  private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final String ALLOWED_CLASS_PREFIX = "dev.bulwark.";
  private static final Pattern EXTERNAL =
      Pattern.compile(
          "^\\s*(https?|file|ftp|jar|classpath|deployment)\\s*:", Pattern.CASE_INSENSITIVE);
  private static final Pattern DANGEROUS_EXPRESSION =
      Pattern.compile(
          "getClass|forName|classLoader|Runtime|ProcessBuilder|System\\.|getProcessEngine"
              + "|ProcessEngineServices|\\.class\\b|invoke\\(",
          Pattern.CASE_INSENSITIVE);

  private BpmnGuard() {}

  /** Every reason the playbook may not be deployed; empty if it may. */
  public static List<String> violations(String fileName, byte[] xml) {
    List<String> found = new ArrayList<>();
    Document document;
    try {
      document = secureBuilder().parse(new ByteArrayInputStream(xml));
    } catch (SAXParseException e) {
      found.add(
          fileName + ":" + e.getLineNumber() + ": not accepted as BPMN XML: " + e.getMessage());
      return found;
    } catch (SAXException | IOException e) {
      found.add(fileName + ": not accepted as BPMN XML: " + e.getMessage());
      return found;
    }
    walk(fileName, document.getDocumentElement(), found);
    return found;
  }

  /** Throws {@link UnsafePlaybookException} naming every violation, if there is one. */
  public static void check(String fileName, byte[] xml) {
    List<String> found = violations(fileName, xml);
    if (!found.isEmpty()) {
      throw new UnsafePlaybookException(found);
    }
  }

  /** A DOM parser that refuses DOCTYPEs and never resolves anything outside the document. */
  public static DocumentBuilder secureBuilder() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser supports these features", e);
    }
  }

  private static void walk(String fileName, Element element, List<String> found) {
    String name = element.getLocalName();
    String where = fileName + ": <" + element.getTagName() + idOf(element) + ">";
    if ("scriptTask".equals(name)) {
      found.add(where + " is a script task; call a Bulwark delegate instead");
    } else if ("script".equals(name)) {
      found.add(where + " holds a script; scripts are not allowed in playbooks");
    } else if ("connector".equals(name) && CAMUNDA_NS.equals(element.getNamespaceURI())) {
      found.add(where + " is a Camunda connector; outside calls go through Bulwark connectors");
    } else if ("import".equals(name)) {
      found.add(where + " imports an outside resource");
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      checkAttribute(where, (Attr) attributes.item(i), found);
    }
    if (("conditionExpression".equals(name) || "expression".equals(name))
        && element.hasAttribute("language")) {
      found.add(where + " is written in the script language " + element.getAttribute("language"));
    }
    if ("conditionExpression".equals(name) || "expression".equals(name)) {
      checkExpression(where, element.getTextContent(), found);
    }
    NodeList children = element.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
        walk(fileName, (Element) children.item(i), found);
      }
    }
  }

  private static void checkAttribute(String where, Attr attribute, List<String> found) {
    String local =
        attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
    String value = attribute.getValue();
    switch (local.toLowerCase(Locale.ROOT)) {
      case "class" -> {
        if (CAMUNDA_NS.equals(attribute.getNamespaceURI())
            && !value.startsWith(ALLOWED_CLASS_PREFIX)) {
          found.add(where + " names the Java class " + value + "; only dev.bulwark delegates");
        }
      }
      case "scriptformat" -> found.add(where + " declares a script format " + value);
      case "resource", "location", "formkey", "formref", "decisionref", "calledelement" -> {
        if (EXTERNAL.matcher(value).find()) {
          found.add(where + " loads " + local + " from outside the deployment: " + value);
        }
      }
      default -> {}
    }
    if (value.contains("${") || value.contains("#{")) {
      checkExpression(where + " " + attribute.getName(), value, found);
    }
  }

  private static void checkExpression(String where, String expression, List<String> found) {
    if (expression != null && DANGEROUS_EXPRESSION.matcher(expression).find()) {
      found.add(
          where + " has an expression that reaches outside the process: " + expression.strip());
    }
  }

  private static String idOf(Element element) {
    return element.hasAttribute("id") ? " id=\"" + element.getAttribute("id") + "\"" : "";
  }
}
